using DscOffload.Core.Expressions;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// The expression host of one run: the process answers environment, clock and search path, and the instances
/// already run answer <c>reference()</c>, <c>stateChanged()</c> and <c>restartRequired()</c>, as dsc's context does
/// (get and test record the actual state, set the after-state).
/// </summary>
internal sealed class RunExpressionHost(string? systemRoot) : ProcessExpressionHost(systemRoot)
{
    /// <summary>
    /// Whether an expression of the run can ask for an instance's state (<c>reference()</c> in deferred properties or in
    /// the outputs). When none can, the states are not copied: a fleet run would copy every instance's state of every
    /// host for nothing.
    /// </summary>
    public bool KeepsStates { get; init; } = true;

    private readonly Dictionary<string, JToken> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _stateChanged = new(StringComparer.Ordinal);
    private readonly List<RestartRequirement> _restarts = [];

    /// <summary>Records what the instance <paramref name="type"/>/<paramref name="name"/> came to.</summary>
    public void Record(string type, string name, JToken? state, bool? changed, IReadOnlyList<RestartRequirement> restarts)
    {
        var id = Key(DeploymentFunctions.ResourceIdOf(type, name));
        if (state is not null && KeepsStates)
        {
            _references[id] = state.DeepClone();
        }

        if (changed is { } value)
        {
            _stateChanged[id] = value;
        }

        _restarts.AddRange(restarts);
    }

    /// <summary>True once <c>reference()</c> asked for an instance that has not run (the check before a run looks for this).</summary>
    public bool AskedForMissingReference { get; set; }

    /// <inheritdoc/>
    public override JToken? Reference(string resourceId)
    {
        var found = _references.GetValueOrDefault(Key(resourceId));
        AskedForMissingReference |= found is null;
        return found;
    }

    /// <inheritdoc/>
    public override bool? StateChanged(string resourceId) => _stateChanged.TryGetValue(Key(resourceId), out var changed) ? changed : null;

    /// <inheritdoc/>
    public override bool? RestartRequired(string kind, string? name) =>
        _restarts.Any(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase) && (name is null || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)));

    // Types compare case-insensitively (as instance identities do); the name part is compared as written.
    private static string Key(string resourceId)
    {
        var colon = resourceId.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? resourceId : string.Concat(resourceId[..colon].ToLowerInvariant(), resourceId[colon..]);
    }
}
