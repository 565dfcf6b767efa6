namespace DscOffload.Windows.Platform;

/// <summary>
/// A network adapter as <c>MSFT_NetAdapter</c> identifies it. <see cref="Name"/> (ifAlias) can be
/// renamed; <see cref="InterfaceGuid"/> is the stable identity and links the CIM instance to the
/// NDIS keywords under the Class key (<c>NetCfgInstanceId</c>).
/// </summary>
/// <param name="Name">The adapter name (ifAlias), e.g. <c>Ethernet 2</c>.</param>
/// <param name="InterfaceDescription">The ifDesc, e.g. <c>Intel(R) Ethernet Controller X710</c>.</param>
/// <param name="InterfaceGuid">The interface GUID in braces.</param>
/// <param name="Hidden">Hidden adapters are skipped unless a selection includes them.</param>
public sealed record WindowsAdapterInfo(string Name, string InterfaceDescription, string InterfaceGuid, bool Hidden);
