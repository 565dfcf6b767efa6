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

    /// <summary>
    /// TCP Chimney Offload (the TCP Offload Engine), host-wide and per adapter: deprecated ("Features that are removed or
    /// deprecated in Windows 10 Creators Update", KB 4014193; the NDIS TCP chimney offload pages: "deprecated and should
    /// not be used") and removed in Windows 10 version 1709 ("Features removed in Windows 10, version 1709": TCP Offload
    /// Engine). Whether a later build still accepts the setting is question 21 of docs/windows-verification.md.
    /// </summary>
    public static WindowsEffect TcpChimneyEffect { get; } = WindowsEffect.Until(WindowsEffect.Windows10Version1709,
        $"TCP Chimney Offload was removed in Windows 10 / Windows Server version 1709 (build {WindowsEffect.Windows10Version1709})",
        "KB 4014193 (deprecated); Features removed in Windows 10, version 1709 (TCP Offload Engine); learn.microsoft.com NDIS TCP chimney offload (deprecated)");

    /// <summary>The <c>MSFT_NetOffloadGlobalSetting</c> switches, in documented order.</summary>
    public static IReadOnlyList<GlobalOffloadSetting> CimSettings { get; } =
    [
        new("chimney", OffloadValueNames.Chimney, "TCP Chimney Offload (MSFT_NetOffloadGlobalSetting.Chimney).", "Chimney", TcpChimneyEffect),
        new("receiveSideScaling", OffloadValueNames.EnabledDisabled, "Receive Side Scaling for the host (ReceiveSideScaling).", "ReceiveSideScaling"),
        new("receiveSegmentCoalescing", OffloadValueNames.EnabledDisabled, "Receive Segment Coalescing for the host (ReceiveSegmentCoalescing).", "ReceiveSegmentCoalescing"),
        new("taskOffload", OffloadValueNames.EnabledDisabled, "All task offloads (TaskOffload); takes effect after an adapter or host restart.", "TaskOffload"),
        new("packetCoalescingFilter", OffloadValueNames.EnabledDisabled, "Packet coalescing filter (PacketCoalescingFilter).", "PacketCoalescingFilter"),
        new("networkDirect", OffloadValueNames.EnabledDisabled, "NetworkDirect / RDMA (NetworkDirect).", "NetworkDirect"),
    ];

    /// <summary>The <c>tcpipParameters</c> members, in documented order.</summary>
    public static IReadOnlyList<TcpipParameterSetting> TcpipParameters { get; } =
    [
        // KB 912222 (the Windows Server 2003 Scalable Networking Pack) introduced these two; KB 951037 configures chimney
        // and RSS on Windows Server 2008 and later with netsh (MSFT_NetOffloadGlobalSetting from Windows 8 / Server 2012).
        new("enableTCPChimney", "EnableTCPChimney.", "EnableTCPChimney", WindowsEffect.Until(WindowsEffect.WindowsVista,
            $"EnableTCPChimney is a Windows Server 2003 Scalable Networking Pack value; from Windows Vista / Server 2008 (build {WindowsEffect.WindowsVista}) TCP Chimney is the global chimney setting",
            "KB 912222 (Scalable Networking Pack); KB 951037 (Windows Server 2008: netsh int tcp set global chimney)")),
        new("enableRSS", "EnableRSS.", "EnableRSS", WindowsEffect.Until(WindowsEffect.WindowsVista,
            $"EnableRSS is a Windows Server 2003 Scalable Networking Pack value; from Windows Vista / Server 2008 (build {WindowsEffect.WindowsVista}) RSS is the global receiveSideScaling setting",
            "KB 912222 (Scalable Networking Pack); KB 951037 (Windows Server 2008: netsh int tcp set global rss)")),
        // The NetDMA driver documentation (learn.microsoft.com, NetDMA drivers): "The NetDMA interface is not supported in Windows 8 and later."
        new("enableTCPA", "EnableTCPA (NetDMA).", "EnableTCPA", WindowsEffect.Until(WindowsEffect.Windows8,
            $"NetDMA was removed in Windows 8 / Server 2012 (build {WindowsEffect.Windows8})",
            "learn.microsoft.com NetDMA drivers: not supported in Windows 8 and later; KB 951037 (EnableTCPA turns NetDMA on or off on Windows Server 2008)")),
        new("disableTaskOffload", "DisableTaskOffload (true disables all task offloads).", "DisableTaskOffload"),
    ];
}
