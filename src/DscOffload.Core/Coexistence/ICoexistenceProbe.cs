namespace DscOffload.Core.Coexistence;

/// <summary>
/// Finds which conditions of a platform's coexistence table hold on a host. The live probes ask the
/// OS (CIM and the registry on Windows, netlink on Linux); the recorded one replays a snapshot; tests
/// use fakes behind the live probes' gateways. Probing never changes the host.
/// </summary>
public interface ICoexistenceProbe
{
    /// <summary>
    /// Looks for every condition. A source that cannot be read marks the conditions it would have
    /// shown as undetermined with the reason; it is not an error.
    /// </summary>
    CoexistenceReport Probe();
}
