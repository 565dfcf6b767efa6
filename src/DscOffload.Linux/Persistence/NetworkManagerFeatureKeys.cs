namespace DscOffload.Linux.Persistence;

/// <summary>
/// NetworkManager's <c>[ethtool] feature-*</c> keys (<c>ethtool.feature-*</c> in nmcli) and the kernel features each one
/// sets, as documented for NetworkManager 1.42 (nm-settings-nmcli(5), "ethtool setting"). Most keys are named after the
/// kernel feature; a few use ethtool's short names (<c>gro</c>, <c>tso</c>, <c>tx</c>, ...), and two of those set several
/// kernel features at once. NetworkManager 1.42 documents no channel keys, so channel counts cannot be persisted this way.
/// </summary>
internal static class NetworkManagerFeatureKeys
{
    /// <summary>The section the keys are in.</summary>
    public const string Section = "ethtool";

    /// <summary>The prefix of every feature key.</summary>
    public const string Prefix = "feature-";

    // Keys that are not "feature-" + the kernel name: ethtool's short names.
    private static readonly Dictionary<string, string[]> ShortNames = new(StringComparer.Ordinal)
    {
        ["gro"] = ["rx-gro"],
        ["gso"] = ["tx-generic-segmentation"],
        ["lro"] = ["rx-lro"],
        ["ntuple"] = ["rx-ntuple-filter"],
        ["rx"] = ["rx-checksum"],
        ["rxhash"] = ["rx-hashing"],
        ["rxvlan"] = ["rx-vlan-hw-parse"],
        ["txvlan"] = ["tx-vlan-hw-insert"],
        ["sg"] = ["tx-scatter-gather"],
        ["tso"] = ["tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation"],
        ["tx"] = ["tx-checksum-ipv4", "tx-checksum-ip-generic", "tx-checksum-ipv6", "tx-checksum-fcoe-crc", "tx-checksum-sctp"],
    };

    // Keys named "feature-" + the kernel feature they set.
    private static readonly HashSet<string> KernelNamed = new(StringComparer.Ordinal)
    {
        "esp-hw-offload", "esp-tx-csum-hw-offload", "fcoe-mtu", "highdma", "hw-tc-offload", "l2-fwd-offload", "loopback",
        "macsec-hw-offload", "rx-all", "rx-fcs", "rx-gro-hw", "rx-gro-list", "rx-udp-gro-forwarding", "rx-udp_tunnel-port-offload",
        "rx-vlan-filter", "rx-vlan-stag-filter", "rx-vlan-stag-hw-parse", "tls-hw-record", "tls-hw-rx-offload", "tls-hw-tx-offload",
        "tx-checksum-fcoe-crc", "tx-checksum-ip-generic", "tx-checksum-ipv4", "tx-checksum-ipv6", "tx-checksum-sctp",
        "tx-esp-segmentation", "tx-fcoe-segmentation", "tx-gre-csum-segmentation", "tx-gre-segmentation", "tx-gso-list",
        "tx-gso-partial", "tx-gso-robust", "tx-ipxip4-segmentation", "tx-ipxip6-segmentation", "tx-nocache-copy",
        "tx-scatter-gather", "tx-scatter-gather-fraglist", "tx-sctp-segmentation", "tx-tcp-ecn-segmentation",
        "tx-tcp-mangleid-segmentation", "tx-tcp-segmentation", "tx-tcp6-segmentation", "tx-tunnel-remcsum-segmentation",
        "tx-udp-segmentation", "tx-udp_tnl-csum-segmentation", "tx-udp_tnl-segmentation", "tx-vlan-stag-hw-insert",
    };

    /// <summary>
    /// The key that sets exactly <paramref name="kernelFeature"/> (<c>feature-rx-gro</c> is not documented, so
    /// <c>rx-gro</c> gets <c>feature-gro</c>), or null when NetworkManager has none.
    /// </summary>
    public static string? KeyFor(string kernelFeature) =>
        KernelNamed.Contains(kernelFeature) ? Prefix + kernelFeature
        : ShortNames.FirstOrDefault(s => s.Value is [var only] && only == kernelFeature).Key is { } shortName ? Prefix + shortName
        : null;

    /// <summary>The kernel features a key of the profile sets; empty for a key this table does not know.</summary>
    public static IReadOnlyList<string> FeaturesOf(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return [];
        }

        var name = key[Prefix.Length..];
        return KernelNamed.Contains(name) ? [name] : ShortNames.TryGetValue(name, out var features) ? features : [];
    }
}
