using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>
/// The result of <c>set</c>, shaped like dsc's <c>{beforeState, afterState, changedProperties}</c>.
/// In what-if mode <see cref="AfterState"/> is the predicted state and nothing was changed.
/// </summary>
public sealed record SetOutcome(
    JObject BeforeState,
    JObject AfterState,
    IReadOnlyList<string> ChangedProperties,
    IReadOnlyList<RestartRequirement> RestartRequired)
{
    /// <summary>True when nothing was (or, in what-if, would be) changed.</summary>
    public bool ChangedNothing => ChangedProperties.Count == 0;
}
