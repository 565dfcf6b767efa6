namespace DscOffload.Core.Coexistence;

/// <summary>
/// A condition of the coexistence table found on a host, with the evidence: where the detection came
/// from and what was found.
/// </summary>
/// <param name="Id">The row id (<c>ipsecPolicy</c>).</param>
/// <param name="DetectedBy">The sources that showed it (<c>MSFT_NetConSecRule (ActiveStore)</c>, <c>NETLINK_XFRM</c>).</param>
/// <param name="Details">What was found, one item per rule, service, adapter or device.</param>
/// <param name="Interfaces">The interfaces the condition concerns, for per-interface effects; empty when host-wide.</param>
public sealed record DetectedCondition(string Id, string DetectedBy, IReadOnlyList<string> Details, IReadOnlyList<string> Interfaces);
