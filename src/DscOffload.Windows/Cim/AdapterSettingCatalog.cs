namespace DscOffload.Windows.Cim;

/// <summary>The adapter settings of the vocabulary and their sources (DESIGN §2.2).</summary>
internal static class AdapterSettingCatalog
{
    /// <summary>Every setting, in the order writes are applied (grouped by class).</summary>
    public static IReadOnlyList<AdapterSettingSource> All { get; } =
    [
        new("lsoV1IPv4", CimClassNames.Lso, "V1IPv4Enabled", AdapterSettingKind.Boolean, "*LsoV1IPv4"),
        new("lsoIPv4", CimClassNames.Lso, "IPv4Enabled", AdapterSettingKind.Boolean, "*LsoV2IPv4"),
        new("lsoIPv6", CimClassNames.Lso, "IPv6Enabled", AdapterSettingKind.Boolean, "*LsoV2IPv6"),
        new("checksumIPv4", CimClassNames.Checksum, "IpIPv4Enabled", AdapterSettingKind.ChecksumDirection, "*IPChecksumOffloadIPv4"),
        new("checksumTcpIPv4", CimClassNames.Checksum, "TcpIPv4Enabled", AdapterSettingKind.ChecksumDirection, "*TCPChecksumOffloadIPv4"),
        new("checksumTcpIPv6", CimClassNames.Checksum, "TcpIPv6Enabled", AdapterSettingKind.ChecksumDirection, "*TCPChecksumOffloadIPv6"),
        new("checksumUdpIPv4", CimClassNames.Checksum, "UdpIPv4Enabled", AdapterSettingKind.ChecksumDirection, "*UDPChecksumOffloadIPv4"),
        new("checksumUdpIPv6", CimClassNames.Checksum, "UdpIPv6Enabled", AdapterSettingKind.ChecksumDirection, "*UDPChecksumOffloadIPv6"),
        new("rss", CimClassNames.Rss, "Enabled", AdapterSettingKind.Boolean, "*RSS"),
        new("rscIPv4", CimClassNames.Rsc, "IPv4Enabled", AdapterSettingKind.Boolean, "*RscIPv4"),
        new("rscIPv6", CimClassNames.Rsc, "IPv6Enabled", AdapterSettingKind.Boolean, "*RscIPv6"),
        new("ipsecOffload", CimClassNames.IPsecOffload, "Enabled", AdapterSettingKind.IPsecOffload, "*IPsecOffloadV2"),
        new("tcpConnectionOffloadIPv4", CimClassNames.AdvancedProperty, null, AdapterSettingKind.Boolean, "*TCPConnectionOffloadIPv4"),
        new("tcpConnectionOffloadIPv6", CimClassNames.AdvancedProperty, null, AdapterSettingKind.Boolean, "*TCPConnectionOffloadIPv6"),
    ];

    /// <summary>The setting-data classes in query order; the advanced property class comes last.</summary>
    public static IReadOnlyList<string> Classes { get; } =
        [CimClassNames.Lso, CimClassNames.Checksum, CimClassNames.Rss, CimClassNames.Rsc, CimClassNames.IPsecOffload, CimClassNames.AdvancedProperty];

    /// <summary>The names of every setting, for messages.</summary>
    public static string AllowedNames => string.Join(", ", All.Select(s => s.Name));

    /// <summary>The source of a setting, or null for an unknown name.</summary>
    public static AdapterSettingSource? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
