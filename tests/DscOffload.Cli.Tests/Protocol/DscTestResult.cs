using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>dsc's ResourceTestResponse: what dsc reports for a resource test.</summary>
public sealed record DscTestResult(JToken DesiredState, JToken ActualState, bool InDesiredState, IReadOnlyList<string> DifferingProperties);
