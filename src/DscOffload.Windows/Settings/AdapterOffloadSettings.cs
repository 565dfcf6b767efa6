using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Settings;

/// <summary>
/// The settings table of <c>DscOffload.Windows/NetAdapterOffload</c>: the descriptor builds its schema
/// from it, the CIM platform reads and writes through it, and recorded hosts are read by it. Adding a
/// setting is one row here (then regenerate the checked-in manifests and PowerShell module).
/// </summary>
internal static class AdapterOffloadSettings
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = "DscOffload.Windows/NetAdapterOffload";

    // "Standardized INF Keywords for TCP/IP Offload" (learn.microsoft.com, windows-hardware/drivers/network): a driver may
    // expose one keyword for TCP and UDP checksum offload of an IP version instead of one each; 0 disabled, 1 Tx, 2 Rx, 3 Rx and Tx.
    private const string GroupedChecksumIPv4 = "*TCPUDPChecksumOffloadIPv4";
    private const string GroupedChecksumIPv6 = "*TCPUDPChecksumOffloadIPv6";

    // "Standardized INF Keywords for RSS" (learn.microsoft.com, windows-hardware/drivers/network): *MaxRssProcessors and
    // *NumRSSQueues, the keywords behind MaxProcessors and NumberOfReceiveQueues, have a documented Min of 1.
    private const long RssCountMinimum = 1;

    /// <summary>Every setting, in documented (schema) order.</summary>
    public static IReadOnlyList<AdapterOffloadSetting> All { get; } =
    [
        new("lsoV1IPv4", AdapterSettingKind.Boolean, "Large Send Offload v1 IPv4 (MSFT_NetAdapterLsoSettingData.V1IPv4Enabled; *LsoV1IPv4).",
            CimClassNames.Lso, "V1IPv4Enabled", "*LsoV1IPv4"),
        new("lsoIPv4", AdapterSettingKind.Boolean, "Large Send Offload v2 IPv4 (IPv4Enabled; *LsoV2IPv4).",
            CimClassNames.Lso, "IPv4Enabled", "*LsoV2IPv4"),
        new("lsoIPv6", AdapterSettingKind.Boolean, "Large Send Offload v2 IPv6 (IPv6Enabled; *LsoV2IPv6).",
            CimClassNames.Lso, "IPv6Enabled", "*LsoV2IPv6"),
        new("checksumIPv4", AdapterSettingKind.ChecksumDirection, "IPv4 header checksum offload (IpIPv4Enabled; *IPChecksumOffloadIPv4).",
            CimClassNames.Checksum, "IpIPv4Enabled", "*IPChecksumOffloadIPv4"),
        new("checksumTcpIPv4", AdapterSettingKind.ChecksumDirection, "TCP/IPv4 checksum offload (TcpIPv4Enabled; *TCPChecksumOffloadIPv4).",
            CimClassNames.Checksum, "TcpIPv4Enabled", "*TCPChecksumOffloadIPv4", GroupedChecksumIPv4),
        new("checksumTcpIPv6", AdapterSettingKind.ChecksumDirection, "TCP/IPv6 checksum offload (TcpIPv6Enabled; *TCPChecksumOffloadIPv6).",
            CimClassNames.Checksum, "TcpIPv6Enabled", "*TCPChecksumOffloadIPv6", GroupedChecksumIPv6),
        new("checksumUdpIPv4", AdapterSettingKind.ChecksumDirection, "UDP/IPv4 checksum offload (UdpIPv4Enabled; *UDPChecksumOffloadIPv4).",
            CimClassNames.Checksum, "UdpIPv4Enabled", "*UDPChecksumOffloadIPv4", GroupedChecksumIPv4),
        new("checksumUdpIPv6", AdapterSettingKind.ChecksumDirection, "UDP/IPv6 checksum offload (UdpIPv6Enabled; *UDPChecksumOffloadIPv6).",
            CimClassNames.Checksum, "UdpIPv6Enabled", "*UDPChecksumOffloadIPv6", GroupedChecksumIPv6),
        new("rss", AdapterSettingKind.Boolean, "Receive Side Scaling (MSFT_NetAdapterRssSettingData.Enabled; *RSS).",
            CimClassNames.Rss, "Enabled", "*RSS"),
        new("rssProfile", AdapterSettingKind.RssProfile, "RSS processor selection and load balancing profile (MSFT_NetAdapterRssSettingData.Profile; *RSSProfile).",
            CimClassNames.Rss, "Profile", "*RSSProfile"),
        new("rssBaseProcessorNumber", AdapterSettingKind.UInt8, "Processor number of the first RSS processor, 0..255 (BaseProcessorNumber; *RssBaseProcNumber).",
            CimClassNames.Rss, "BaseProcessorNumber", "*RssBaseProcNumber"),
        new("rssMaxProcessorNumber", AdapterSettingKind.UInt8, "Processor number of the last RSS processor, 0..255 (MaxProcessorNumber; *RssMaxProcNumber).",
            CimClassNames.Rss, "MaxProcessorNumber", "*RssMaxProcNumber"),
        new("rssMaxProcessors", AdapterSettingKind.UInt32, "Largest number of RSS processors the adapter uses, at least 1 (MaxProcessors; *MaxRssProcessors).",
            CimClassNames.Rss, "MaxProcessors", "*MaxRssProcessors", Minimum: RssCountMinimum),
        new("rssNumberOfReceiveQueues", AdapterSettingKind.UInt32, "Number of RSS receive queues, at least 1 (NumberOfReceiveQueues; *NumRSSQueues).",
            CimClassNames.Rss, "NumberOfReceiveQueues", "*NumRSSQueues", Minimum: RssCountMinimum),
        new("rssBaseProcessorGroup", AdapterSettingKind.UInt16, "Processor group of rssBaseProcessorNumber, 0..65535 (BaseProcessorGroup; *RssBaseProcGroup).",
            CimClassNames.Rss, "BaseProcessorGroup", "*RssBaseProcGroup"),
        new("rssMaxProcessorGroup", AdapterSettingKind.UInt16, "Processor group of rssMaxProcessorNumber, 0..65535 (MaxProcessorGroup; *RssMaxProcGroup).",
            CimClassNames.Rss, "MaxProcessorGroup", "*RssMaxProcGroup"),
        new("rssNumaNode", AdapterSettingKind.UInt16, "Preferred NUMA node for RSS processors and the adapter's memory; 65535 is any node (NumaNode; *NumaNodeId).",
            CimClassNames.Rss, "NumaNode", "*NumaNodeId"),
        new("rscIPv4", AdapterSettingKind.Boolean, "Receive Segment Coalescing IPv4 (MSFT_NetAdapterRscSettingData.IPv4Enabled; *RscIPv4).",
            CimClassNames.Rsc, "IPv4Enabled", "*RscIPv4"),
        new("rscIPv6", AdapterSettingKind.Boolean, "Receive Segment Coalescing IPv6 (IPv6Enabled; *RscIPv6).",
            CimClassNames.Rsc, "IPv6Enabled", "*RscIPv6"),
        new("tcpConnectionOffloadIPv4", AdapterSettingKind.Boolean, "Per-adapter TCP Chimney, IPv4 (*TCPConnectionOffloadIPv4).",
            CimClassNames.AdvancedProperty, null, "*TCPConnectionOffloadIPv4", Effect: GlobalOffloadSettings.TcpChimneyEffect),
        new("tcpConnectionOffloadIPv6", AdapterSettingKind.Boolean, "Per-adapter TCP Chimney, IPv6 (*TCPConnectionOffloadIPv6).",
            CimClassNames.AdvancedProperty, null, "*TCPConnectionOffloadIPv6", Effect: GlobalOffloadSettings.TcpChimneyEffect),
        new("ipsecOffload", AdapterSettingKind.IPsecOffload, "IPsec task offload v2 (MSFT_NetAdapterIPsecOffloadV2SettingData.Enabled; *IPsecOffloadV2).",
            CimClassNames.IPsecOffload, "Enabled", "*IPsecOffloadV2"),
    ];

    /// <summary>The setting-data classes in query and write order; the advanced property class comes last.</summary>
    public static IReadOnlyList<string> Classes { get; } =
        [CimClassNames.Lso, CimClassNames.Checksum, CimClassNames.Rss, CimClassNames.Rsc, CimClassNames.IPsecOffload, CimClassNames.AdvancedProperty];

    /// <summary>Every setting in the order writes are applied: grouped by class, in <see cref="Classes"/> order.</summary>
    public static IReadOnlyList<AdapterOffloadSetting> InWriteOrder { get; } = [.. All.OrderBy(s => IndexOfClass(s.CimClass))];

    /// <summary>The names of every setting, for messages.</summary>
    public static string AllowedNames => string.Join(", ", InWriteOrder.Select(s => s.Name));

    /// <summary>The setting called <paramref name="name"/>, or null for an unknown name.</summary>
    public static AdapterOffloadSetting? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static int IndexOfClass(string cimClass)
    {
        for (var i = 0; i < Classes.Count; i++)
        {
            if (Classes[i] == cimClass)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"setting class {cimClass} is not in the class order");
    }
}
