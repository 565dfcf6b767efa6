using DscOffload.Core.Resources;

namespace DscOffload.Windows.Resources;

/// <summary>The descriptor of <c>DscOffload.Windows/GlobalOffload</c> (DESIGN §2.1).</summary>
public static class GlobalOffloadDescriptor
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = "DscOffload.Windows/GlobalOffload";

    /// <summary>The enum properties backed by MSFT_NetOffloadGlobalSetting, in documented order.</summary>
    public static IReadOnlyList<string> CimSettings { get; } =
        ["chimney", "receiveSideScaling", "receiveSegmentCoalescing", "taskOffload", "packetCoalescingFilter", "networkDirect"];

    /// <summary>The Tcpip\Parameters values, in documented order.</summary>
    public static IReadOnlyList<string> TcpipValues { get; } = ["enableTCPChimney", "enableRSS", "enableTCPA", "disableTaskOffload"];

    private static readonly string[] EnabledDisabled = ["Disabled", "Enabled"];

    private static PropertyDescriptor Switch(string name, string what, string[]? values = null) => new()
    {
        Name = name, Type = PropertyType.Enum, AllowedValues = values ?? EnabledDisabled, Description = what,
    };

    private static PropertyDescriptor Dword(string name, string what) => new()
    {
        Name = name, Type = PropertyType.Boolean, CanBeNull = true, Description = what,
    };

    /// <summary>The descriptor.</summary>
    public static ResourceDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Version = ProductVersion.Value,
        Platform = "Windows",
        Description = "Host-wide TCP/IP offload settings of Windows: TCP Chimney, RSS, RSC, task offload (MSFT_NetOffloadGlobalSetting) and the Tcpip\\Parameters registry switches.",
        Properties =
        [
            Switch("chimney", "TCP Chimney Offload (MSFT_NetOffloadGlobalSetting.Chimney).", ["Disabled", "Enabled", "Automatic"]),
            Switch("receiveSideScaling", "Receive Side Scaling for the host (ReceiveSideScaling)."),
            Switch("receiveSegmentCoalescing", "Receive Segment Coalescing for the host (ReceiveSegmentCoalescing)."),
            Switch("taskOffload", "All task offloads (TaskOffload); takes effect after an adapter or host restart."),
            Switch("packetCoalescingFilter", "Packet coalescing filter (PacketCoalescingFilter)."),
            Switch("networkDirect", "NetworkDirect / RDMA (NetworkDirect)."),
            new()
            {
                Name = "tcpipParameters", Type = PropertyType.Object,
                Description = "REG_DWORD switches under HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters; null = value absent (Windows default). Changes take effect after a restart.",
                Members =
                [
                    Dword("enableTCPChimney", "EnableTCPChimney."),
                    Dword("enableRSS", "EnableRSS."),
                    Dword("enableTCPA", "EnableTCPA (NetDMA)."),
                    Dword("disableTaskOffload", "DisableTaskOffload (true disables all task offloads)."),
                ],
            },
        ],
        CanonicalProperties = CanonicalPropertySet.Standard,
    };
}
