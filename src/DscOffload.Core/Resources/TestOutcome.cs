using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>The result of <c>test</c>, shaped like dsc's <c>{desiredState, actualState, inDesiredState, differingProperties}</c>.</summary>
public sealed record TestOutcome(
    JObject DesiredState,
    JObject ActualState,
    bool InDesiredState,
    IReadOnlyList<string> DifferingProperties);
