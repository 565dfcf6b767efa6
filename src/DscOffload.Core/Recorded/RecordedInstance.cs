using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Recorded;

/// <summary>One resource instance of a recorded host: what export reported for one adapter or setting set.</summary>
public sealed record RecordedInstance(string Type, string Name, JObject Properties, SourceLocation? Location);
