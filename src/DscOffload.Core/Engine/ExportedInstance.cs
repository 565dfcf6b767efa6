using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>One instance an export found, as it goes into the exported configuration document.</summary>
/// <param name="Type">The resource type.</param>
/// <param name="Name">The instance name.</param>
/// <param name="Properties">Its state.</param>
public sealed record ExportedInstance(string Type, string Name, JObject Properties);
