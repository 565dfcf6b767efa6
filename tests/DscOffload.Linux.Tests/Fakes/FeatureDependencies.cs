namespace DscOffload.Linux.Tests.Fakes;

/// <summary>
/// The kernel's feature dependency fix-ups (<c>netdev_fix_features</c>) that matter for offload settings,
/// as observed on Linux 6.18 (see README.md): they decide the active state from the requested one.
/// </summary>
public static class FeatureDependencies
{
    public static IReadOnlyList<string> TcpSegmentation { get; } =
        ["tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation"];

    /// <summary>Removes from <paramref name="active"/> what the kernel would not let be active together.</summary>
    public static void Fix(ISet<string> active)
    {
        // TSO and software GSO need scatter-gather.
        if (!active.Contains("tx-scatter-gather"))
        {
            active.ExceptWith(TcpSegmentation);
            active.Remove("tx-generic-segmentation");
        }

        var generic = active.Contains("tx-checksum-ip-generic");
        var ipv4 = generic || active.Contains("tx-checksum-ipv4");
        var ipv6 = generic || active.Contains("tx-checksum-ipv6");

        // IPv4 TSO needs IPv4 (or generic) checksumming; ECN and mangle-ID variants go with it.
        if (!ipv4)
        {
            active.Remove("tx-tcp-segmentation");
            active.Remove("tx-tcp-ecn-segmentation");
        }

        // IPv6 TSO needs IPv6 (or generic) checksumming.
        if (!ipv6)
        {
            active.Remove("tx-tcp6-segmentation");
        }

        // UDP segmentation needs some transmit checksumming.
        if (!ipv4 && !ipv6)
        {
            active.Remove("tx-udp-segmentation");
        }

        if (!active.Contains("tx-tcp-segmentation"))
        {
            active.Remove("tx-tcp-mangleid-segmentation");
        }

        // ECN alone is not TSO.
        if (active.Contains("tx-tcp-ecn-segmentation") &&
            !active.Contains("tx-tcp-segmentation") && !active.Contains("tx-tcp6-segmentation") && !active.Contains("tx-tcp-mangleid-segmentation"))
        {
            active.Remove("tx-tcp-ecn-segmentation");
        }

        // Hardware GRO implies verified receive checksums, and replaces LRO.
        if (!active.Contains("rx-checksum"))
        {
            active.Remove("rx-gro-hw");
        }

        if (active.Contains("rx-gro-hw"))
        {
            active.Remove("rx-lro");
        }
    }
}
