namespace DscOffload.Linux.Coexistence;

/// <summary>An interface as an rtnetlink link dump describes it: what the coexistence probe needs to find bonds and teams.</summary>
/// <param name="Index">The ifindex.</param>
/// <param name="Name">The interface name.</param>
/// <param name="Kind">IFLA_INFO_KIND (<c>bond</c>, <c>team</c>, <c>veth</c>…), or null for hardware interfaces.</param>
/// <param name="SlaveKind">IFLA_INFO_SLAVE_KIND of an enslaved interface (<c>bond</c>, <c>team</c>), or null.</param>
/// <param name="Master">IFLA_MASTER: the ifindex of the device this one is enslaved to, or 0.</param>
/// <param name="BondMode">IFLA_BOND_MODE of a bond, or null.</param>
internal sealed record NetlinkLink(int Index, string Name, string? Kind, string? SlaveKind, int Master, byte? BondMode);
