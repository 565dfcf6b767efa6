using System.Buffers.Binary;
using System.Net;

namespace DscOffload.Linux.Coexistence;

/// <summary>Names and addresses of xfrm and rtnetlink values, written as <c>ip</c> writes them.</summary>
internal static class NetlinkText
{
    /// <summary>An <c>xfrm_address_t</c> of <paramref name="family"/> (2 IPv4, 10 IPv6).</summary>
    public static string Address(ReadOnlySpan<byte> address16, ushort family) => family switch
    {
        2 => new IPAddress(address16[..4]).ToString(),
        10 => new IPAddress(address16[..16]).ToString(),
        _ => "?",
    };

    /// <summary>An IP protocol number's name.</summary>
    public static string Protocol(byte protocol) => protocol switch
    {
        0 => "any",
        1 => "icmp",
        6 => "tcp",
        17 => "udp",
        50 => "esp",
        51 => "ah",
        58 => "ipv6-icmp",
        108 => "comp",
        132 => "sctp",
        _ => $"proto {protocol}",
    };

    /// <summary>An xfrm mode's name.</summary>
    public static string Mode(byte mode) => mode switch
    {
        0 => "transport",
        1 => "tunnel",
        2 => "ro",
        3 => "in_trigger",
        4 => "beet",
        _ => $"mode {mode}",
    };

    /// <summary>A bonding mode's name.</summary>
    public static string BondMode(byte mode) => mode switch
    {
        0 => "balance-rr",
        1 => "active-backup",
        2 => "balance-xor",
        3 => "broadcast",
        4 => "802.3ad",
        5 => "balance-tlb",
        6 => "balance-alb",
        _ => $"mode {mode}",
    };

    /// <summary>An <c>xfrm_selector</c> (56 bytes) as <c>src/len → dst/len proto[:port]</c>.</summary>
    public static string Selector(ReadOnlySpan<byte> selector)
    {
        var family = BinaryPrimitives.ReadUInt16LittleEndian(selector[40..]);
        var destination = $"{Address(selector[..16], family)}/{selector[42]}";
        var source = $"{Address(selector[16..32], family)}/{selector[43]}";
        var text = $"{source} → {destination}";
        if (selector[44] != 0)
        {
            text += $" {Protocol(selector[44])}";
            var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(selector[36..]);
            var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(selector[32..]);
            if (BinaryPrimitives.ReadUInt16BigEndian(selector[38..]) != 0)
            {
                text += $" sport {sourcePort}";
            }

            if (BinaryPrimitives.ReadUInt16BigEndian(selector[34..]) != 0)
            {
                text += $" dport {destinationPort}";
            }
        }

        return text;
    }
}
