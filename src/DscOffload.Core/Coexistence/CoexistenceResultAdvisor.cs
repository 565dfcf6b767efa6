using DscOffload.Core.Engine;
using DscOffload.Core.Resources;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// The coexistence advice as an engine advisor: after a test or set, warns where an offload the document asks
/// for (or the host has on) will not be used next to the conditions the host shows (<see cref="CoexistenceAdvisor.ForRun"/>).
/// Get and export get no advice.
/// </summary>
internal sealed class CoexistenceResultAdvisor(ResourceCatalog catalog) : IResultAdvisor
{
    /// <inheritdoc />
    public IEnumerable<RunMessage> Advise(EngineOperation operation, PreparedConfiguration configuration, IReadOnlyList<InstanceResult> results, HostTarget target) =>
        operation is EngineOperation.Test or EngineOperation.Set
            ? CoexistenceAdvisor.ForRun(catalog, configuration, results, target).Select(a => new RunMessage(a.InstanceName, a.Type, a.Level, a.Text))
            : [];
}
