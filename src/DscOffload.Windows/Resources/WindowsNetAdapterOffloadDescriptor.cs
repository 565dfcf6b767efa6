using DscOffload.Core.Resources;
using DscOffload.Windows.Cim;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources;

/// <summary>The descriptor of <c>DscOffload.Windows/NetAdapterOffload</c> (DESIGN §2.2).</summary>
public static class WindowsNetAdapterOffloadDescriptor
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = "DscOffload.Windows/NetAdapterOffload";

    /// <summary>The checksum direction values (MSFT_NetAdapterChecksumOffloadSettingData uint32 0–3).</summary>
    public static IReadOnlyList<string> ChecksumValues { get; } = ["Disabled", "TxEnabled", "RxEnabled", "RxTxEnabled"];

    /// <summary>Typed offload settings: name → true for checksum enums, false for booleans; documented order.</summary>
    public static IReadOnlyList<(string Name, bool IsChecksum, string Source)> Settings { get; } =
    [
        ("lsoV1IPv4", false, "Large Send Offload v1 IPv4 (MSFT_NetAdapterLsoSettingData.V1IPv4Enabled; *LsoV1IPv4)."),
        ("lsoIPv4", false, "Large Send Offload v2 IPv4 (IPv4Enabled; *LsoV2IPv4)."),
        ("lsoIPv6", false, "Large Send Offload v2 IPv6 (IPv6Enabled; *LsoV2IPv6)."),
        ("checksumIPv4", true, "IPv4 header checksum offload (IpIPv4Enabled; *IPChecksumOffloadIPv4)."),
        ("checksumTcpIPv4", true, "TCP/IPv4 checksum offload (TcpIPv4Enabled; *TCPChecksumOffloadIPv4)."),
        ("checksumTcpIPv6", true, "TCP/IPv6 checksum offload (TcpIPv6Enabled; *TCPChecksumOffloadIPv6)."),
        ("checksumUdpIPv4", true, "UDP/IPv4 checksum offload (UdpIPv4Enabled; *UDPChecksumOffloadIPv4)."),
        ("checksumUdpIPv6", true, "UDP/IPv6 checksum offload (UdpIPv6Enabled; *UDPChecksumOffloadIPv6)."),
        ("rss", false, "Receive Side Scaling (MSFT_NetAdapterRssSettingData.Enabled; *RSS)."),
        ("rscIPv4", false, "Receive Segment Coalescing IPv4 (MSFT_NetAdapterRscSettingData.IPv4Enabled; *RscIPv4)."),
        ("rscIPv6", false, "Receive Segment Coalescing IPv6 (IPv6Enabled; *RscIPv6)."),
        ("tcpConnectionOffloadIPv4", false, "Per-adapter TCP Chimney, IPv4 (*TCPConnectionOffloadIPv4)."),
        ("tcpConnectionOffloadIPv6", false, "Per-adapter TCP Chimney, IPv6 (*TCPConnectionOffloadIPv6)."),
        ("ipsecOffload", false, "IPsec task offload v2 (MSFT_NetAdapterIPsecOffloadV2SettingData.Enabled; *IPsecOffloadV2)."),
    ];

    /// <summary>Properties that select adapters rather than describe them.</summary>
    public static IReadOnlyList<string> SelectionProperties { get; } = ["name", "interfaceDescription", "excludeName", "includeHidden", "allowNoMatch"];

    /// <summary>The descriptor.</summary>
    public static ResourceDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Version = ProductVersion.Value,
        Platform = "Windows",
        Description = "Per-adapter offloads of Windows network adapters: LSO, checksum offload, RSS, RSC, TCP connection offload, IPsec offload and NDIS advanced properties.",
        Properties = Build(),
        CrossPropertyRule = TypedSettingAlsoInAdvancedProperties,
    };

    /// <summary>
    /// A typed setting and an <c>advancedProperties</c> entry for the driver keyword behind it (say <c>lsoIPv4</c> and
    /// <c>*LsoV2IPv4</c>) write the same registry value; which one wins would depend on write order, so the
    /// document is refused instead.
    /// </summary>
    private static (string Message, JToken At)? TypedSettingAlsoInAdvancedProperties(JObject input)
    {
        if (input["advancedProperties"] is not JObject advanced)
        {
            return null;
        }

        foreach (var entry in advanced.Properties())
        {
            var typed = AdapterSettingCatalog.All.FirstOrDefault(s =>
                string.Equals(s.NdisKeyword, entry.Name, StringComparison.OrdinalIgnoreCase) && input[s.Name] is { Type: not JTokenType.Null });
            if (typed is not null)
            {
                return ($"'advancedProperties.{entry.Name}' and '{typed.Name}' both set the driver keyword {typed.NdisKeyword}; keep only one of them", entry.Value);
            }
        }

        return null;
    }

    private static List<PropertyDescriptor> Build()
    {
        var list = new List<PropertyDescriptor>
        {
            new() { Name = "name", Type = PropertyType.String, IsKey = true,
                    Description = "Adapter name (ifAlias) or pattern; * and ? wildcards; case-insensitive." },
            new() { Name = "interfaceDescription", Type = PropertyType.String,
                    Description = "Optional interface description pattern (wildcards) that must also match." },
            new() { Name = "excludeName", Type = PropertyType.StringArray, Description = "Name patterns to leave out." },
            new() { Name = "includeHidden", Type = PropertyType.Boolean, Default = false, Description = "Also select hidden adapters." },
            new() { Name = "allowNoMatch", Type = PropertyType.Boolean, Default = false,
                    Description = "Treat a selection that matches no adapter as in desired state." },
        };
        foreach (var (name, isChecksum, source) in Settings)
        {
            list.Add(isChecksum
                ? new() { Name = name, Type = PropertyType.Enum, AllowedValues = ChecksumValues, Description = source }
                : new() { Name = name, Type = PropertyType.Boolean, Description = source });
        }

        list.Add(new() { Name = "advancedProperties", Type = PropertyType.StringMap,
                         Description = "NDIS keyword → registry value string (MSFT_NetAdapterAdvancedPropertySettingData.RegistryValue)." });
        list.Add(new() { Name = "restart", Type = PropertyType.Enum, AllowedValues = ["Allowed", "Never"], Default = "Allowed",
                         Description = "Allowed: restart each changed adapter once after all of its changes. Never: write only and report the pending restart." });
        list.Add(new() { Name = "interfaceGuid", Type = PropertyType.String, IsReadOnly = true, Description = "Stable adapter identity." });
        list.Add(new() { Name = "restartPending", Type = PropertyType.Boolean, IsReadOnly = true,
                         Description = "Changes are written but the adapter has not been restarted." });
        list.Add(new() { Name = "adapters", Type = PropertyType.ObjectArray, IsReadOnly = true,
                         Description = "Per matched adapter: identity, actual values, inDesiredState, differingProperties." });
        return list;
    }
}
