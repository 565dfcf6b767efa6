namespace DscOffload.Reporting.Drift;

/// <summary>
/// Everything the renderers need to know about one host, read once from its result envelope. It is
/// small (one host's instances) and is dropped after the renderers have seen it, which is what keeps
/// memory flat however many hosts a fleet run covers.
/// </summary>
public sealed class HostDriftReport
{
    /// <summary>Creates the report; counts are computed here once so every renderer sees the same numbers.</summary>
    public HostDriftReport(
        string host,
        HostRunInfo run,
        IReadOnlyList<InstanceOutcome> instances,
        IReadOnlyList<ResultMessage> messages,
        bool hadErrors)
    {
        Host = host;
        Run = run;
        Instances = instances;
        Messages = messages;

        var drifted = 0;
        var failed = 0;
        var items = 0;
        foreach (var instance in instances)
        {
            switch (instance.Status)
            {
                case InstanceStatus.Drifted:
                    drifted++;
                    items += instance.DriftItems.Count;
                    break;
                case InstanceStatus.Failed:
                    failed++;
                    break;
                default:
                    break;
            }
        }

        DriftedInstanceCount = drifted;
        FailedInstanceCount = failed;
        DriftItemCount = items;
        HadErrors = hadErrors || failed > 0;
    }

    /// <summary>The host name the result is about.</summary>
    public string Host { get; }

    /// <summary>What was run against the host (document, snapshot, operation, timing).</summary>
    public HostRunInfo Run { get; }

    /// <summary>One outcome per resource instance, in document order.</summary>
    public IReadOnlyList<InstanceOutcome> Instances { get; }

    /// <summary>Messages the engine attached to the result.</summary>
    public IReadOnlyList<ResultMessage> Messages { get; }

    /// <summary>True when the envelope said so or when any instance failed.</summary>
    public bool HadErrors { get; }

    /// <summary>Instances with at least one differing setting.</summary>
    public int DriftedInstanceCount { get; }

    /// <summary>Instances that could not be evaluated.</summary>
    public int FailedInstanceCount { get; }

    /// <summary>Settings that differ, summed over all instances (adapters and object members counted one by one).</summary>
    public int DriftItemCount { get; }

    /// <summary>True when nothing differs and nothing failed.</summary>
    public bool IsInDesiredState => DriftedInstanceCount == 0 && !HadErrors;
}
