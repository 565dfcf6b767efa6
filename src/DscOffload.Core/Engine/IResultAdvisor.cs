namespace DscOffload.Core.Engine;

/// <summary>
/// Adds advice to a host's run once its instances have run (the coexistence advisor is one), without the engine
/// knowing what the advice is about. Advice never fails a run.
/// </summary>
public interface IResultAdvisor
{
    /// <summary>The messages for <paramref name="results"/> of <paramref name="configuration"/> on <paramref name="target"/>.</summary>
    IEnumerable<RunMessage> Advise(EngineOperation operation, PreparedConfiguration configuration, IReadOnlyList<InstanceResult> results, HostTarget target);
}
