namespace DscOffload.Linux.Settings;

/// <summary>
/// The short names that <c>ethtool -K</c> accepts and the kernel feature names each stands for.
/// ethtool matches them as name patterns against the kernel's string set, so an alias covers
/// whatever members this kernel has (for example <c>tso</c> includes <c>tx-tcp-accecn-segmentation</c> on 6.18).
/// </summary>
internal static class FeatureAliases
{
    private static readonly (string Alias, string Pattern)[] Table =
    [
        ("rx", "rx-checksum"),
        ("tx", "tx-checksum-*"),
        ("sg", "tx-scatter-gather*"),
        ("tso", "tx-tcp*-segmentation"),
        ("ufo", "tx-udp-fragmentation"),
        ("gso", "tx-generic-segmentation"),
        ("gro", "rx-gro"),
        ("lro", "rx-lro"),
        ("rxvlan", "rx-vlan-hw-parse"),
        ("txvlan", "tx-vlan-hw-insert"),
        ("ntuple", "rx-ntuple-filter"),
        ("rxhash", "rx-hashing"),
    ];

    /// <summary>The alias names, for error messages.</summary>
    public static string Names => string.Join(" ", Table.Select(t => t.Alias));

    /// <summary>The pattern an alias stands for, or null if <paramref name="name"/> is not an alias.</summary>
    public static string? PatternOf(string name)
    {
        foreach (var (alias, pattern) in Table)
        {
            if (alias == name)
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>
    /// Features that must be on before <paramref name="feature"/> can be active when enabling
    /// (the kernel's netdev_fix_features drops TSO without tx checksumming and scatter-gather).
    /// </summary>
    public static bool IsPrerequisite(string feature) =>
        feature.StartsWith("tx-checksum-", StringComparison.Ordinal) || feature.StartsWith("tx-scatter-gather", StringComparison.Ordinal);
}
