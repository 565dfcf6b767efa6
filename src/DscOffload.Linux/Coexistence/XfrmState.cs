namespace DscOffload.Linux.Coexistence;

/// <summary>An IPsec security association (an XFRM_MSG_NEWSA dump entry).</summary>
/// <param name="Source">The SA's source address.</param>
/// <param name="Destination">The SA's destination address.</param>
/// <param name="Spi">The SPI.</param>
/// <param name="Protocol">50 ESP, 51 AH, 108 IPComp…</param>
/// <param name="Mode">0 transport, 1 tunnel, 4 beet…</param>
/// <param name="OffloadIfIndex">The ifindex of the device the SA is offloaded to (XFRMA_OFFLOAD_DEV), or null when processed in software.</param>
/// <param name="OffloadFlags">XFRM_OFFLOAD_* flags: 1 IPv6, 2 inbound, 4 packet offload.</param>
internal sealed record XfrmState(string Source, string Destination, uint Spi, byte Protocol, byte Mode, int? OffloadIfIndex, byte OffloadFlags);
