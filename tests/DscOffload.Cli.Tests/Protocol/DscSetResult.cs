using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>dsc's ResourceSetResponse: what dsc reports for a resource set (changed properties null when nothing was set).</summary>
public sealed record DscSetResult(JToken BeforeState, JToken AfterState, IReadOnlyList<string>? ChangedProperties);
