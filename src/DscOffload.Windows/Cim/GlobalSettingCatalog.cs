namespace DscOffload.Windows.Cim;

/// <summary>The global settings of the vocabulary (DESIGN §2.1): CIM properties and Tcpip registry values.</summary>
internal static class GlobalSettingCatalog
{
    /// <summary>The key under HKLM that holds the TCP/IP stack's parameters.</summary>
    public const string TcpipParametersKey = @"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";

    /// <summary>The <c>Settings</c> keys and their uint8 properties.</summary>
    public static IReadOnlyList<GlobalSettingSource> Settings { get; } =
    [
        new("chimney", "Chimney", OffloadValueNames.Chimney),
        new("receiveSideScaling", "ReceiveSideScaling", OffloadValueNames.EnabledDisabled),
        new("receiveSegmentCoalescing", "ReceiveSegmentCoalescing", OffloadValueNames.EnabledDisabled),
        new("taskOffload", "TaskOffload", OffloadValueNames.EnabledDisabled),
        new("packetCoalescingFilter", "PacketCoalescingFilter", OffloadValueNames.EnabledDisabled),
        new("networkDirect", "NetworkDirect", OffloadValueNames.EnabledDisabled),
    ];

    /// <summary>The <c>TcpipParameters</c> keys and their REG_DWORD value names.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> TcpipParameters { get; } =
    [
        new("enableTCPChimney", "EnableTCPChimney"),
        new("enableRSS", "EnableRSS"),
        new("enableTCPA", "EnableTCPA"),
        new("disableTaskOffload", "DisableTaskOffload"),
    ];
}
