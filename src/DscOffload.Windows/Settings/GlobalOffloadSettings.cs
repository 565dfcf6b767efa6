namespace DscOffload.Windows.Settings;

/// <summary>
/// The settings table of <c>DscOffload.Windows/GlobalOffload</c>: the descriptor builds its schema from
/// it, the CIM platform reads and writes through it, and recorded hosts are read by it.
/// </summary>
internal static class GlobalOffloadSettings
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = "DscOffload.Windows/GlobalOffload";

    /// <summary>The key under HKLM that holds the TCP/IP stack's parameters.</summary>
    public const string TcpipParametersKey = @"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";

    /// <summary>The <c>MSFT_NetOffloadGlobalSetting</c> switches, in documented order.</summary>
    public static IReadOnlyList<GlobalOffloadSetting> CimSettings { get; } =
    [
        new("chimney", OffloadValueNames.Chimney, "TCP Chimney Offload (MSFT_NetOffloadGlobalSetting.Chimney).", "Chimney"),
        new("receiveSideScaling", OffloadValueNames.EnabledDisabled, "Receive Side Scaling for the host (ReceiveSideScaling).", "ReceiveSideScaling"),
        new("receiveSegmentCoalescing", OffloadValueNames.EnabledDisabled, "Receive Segment Coalescing for the host (ReceiveSegmentCoalescing).", "ReceiveSegmentCoalescing"),
        new("taskOffload", OffloadValueNames.EnabledDisabled, "All task offloads (TaskOffload); takes effect after an adapter or host restart.", "TaskOffload"),
        new("packetCoalescingFilter", OffloadValueNames.EnabledDisabled, "Packet coalescing filter (PacketCoalescingFilter).", "PacketCoalescingFilter"),
        new("networkDirect", OffloadValueNames.EnabledDisabled, "NetworkDirect / RDMA (NetworkDirect).", "NetworkDirect"),
    ];

    /// <summary>The <c>tcpipParameters</c> members, in documented order.</summary>
    public static IReadOnlyList<TcpipParameterSetting> TcpipParameters { get; } =
    [
        new("enableTCPChimney", "EnableTCPChimney.", "EnableTCPChimney"),
        new("enableRSS", "EnableRSS.", "EnableRSS"),
        new("enableTCPA", "EnableTCPA (NetDMA).", "EnableTCPA"),
        new("disableTaskOffload", "DisableTaskOffload (true disables all task offloads).", "DisableTaskOffload"),
    ];
}
