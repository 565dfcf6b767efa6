using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Engine;

/// <summary>
/// Counts runs as they stream past (one a host) for the summary line, the <c>--fail-on-drift</c> line and the exit
/// code; keeps no run, so memory stays flat however many hosts a fleet has.
/// </summary>
internal sealed class FleetTally
{
    // Only the first few drifted instances are named: the count is enough for a fleet.
    private const int NamedDrift = 5;
    private readonly List<string> _drifted = [];
    private int _driftedCount;

    /// <summary>Runs counted.</summary>
    public int Hosts { get; private set; }

    /// <summary>Runs without errors whose every instance was in the desired state.</summary>
    public int InDesiredState { get; private set; }

    /// <summary>Runs with at least one error.</summary>
    public int WithErrors { get; private set; }

    /// <summary>The kind of the first error of the first run that had one.</summary>
    public ErrorKind? FirstError { get; private set; }

    /// <summary>Whether any run changed (or, under what-if, would change) something.</summary>
    public bool Changed { get; private set; }

    /// <summary>Whether any run changed something and then failed: partially applied.</summary>
    public bool ChangedThenFailed { get; private set; }

    /// <summary>The names of a run's instances that drifted or changed (or would change).</summary>
    public static IReadOnlyList<string> DriftedInstances(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Results.Where(r => r.Test is { InDesiredState: false } || r.Set is { ChangedProperties.Count: > 0 }).Select(r => r.Name)];
    }

    /// <summary>
    /// Counts one run; <paramref name="drifted"/> names its drifted instances when the run no longer carries its results
    /// (a fleet keeps only each host's verdict), else they are read from the run.
    /// </summary>
    public void Add(EngineRun run, IReadOnlyList<string>? drifted = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        Hosts++;
        foreach (var name in drifted ?? DriftedInstances(run))
        {
            if (_driftedCount++ < NamedDrift)
            {
                _drifted.Add(Hosts > 1 || run.Info.IsRecorded ? $"'{name}' on {run.Info.Host}" : $"'{name}'");
            }
        }

        if (run.HadErrors)
        {
            WithErrors++;
            FirstError ??= run.FirstError;
        }
        else if (run.InDesiredState)
        {
            InDesiredState++;
        }

        Changed |= run.Changed;
        ChangedThenFailed |= run.Changed && run.HadErrors;
    }

    /// <summary>The one-line summary: hosts in desired state, drifted (or changed) and with errors.</summary>
    public string Summary(EngineOperation operation, bool whatIf)
    {
        var drifted = Hosts - InDesiredState - WithErrors;
        var verb = operation == EngineOperation.Set ? (whatIf ? "would change" : "changed") : "drifted";
        return $"{Hosts} host(s): {InDesiredState} in desired state, {drifted} {verb}, {WithErrors} with errors";
    }

    /// <summary>Which instances drifted (or would change), the first five named.</summary>
    public string DriftDescription(EngineOperation operation)
    {
        var verb = operation == EngineOperation.Set ? "would change" : "not in desired state";
        var named = string.Join(", ", _drifted) + (_driftedCount > _drifted.Count ? $" and {_driftedCount - _drifted.Count} more" : "");
        return _driftedCount == 0 ? $"drift found on {Hosts - InDesiredState} host(s)" : $"{_driftedCount} instance(s) {verb}: {named}";
    }
}
