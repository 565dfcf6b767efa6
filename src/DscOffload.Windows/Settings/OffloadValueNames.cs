namespace DscOffload.Windows.Settings;

/// <summary>
/// The enum names the Windows cmdlets use, indexed by their numeric CIM / registry value, and the
/// conversions between the vocabulary's values and those numbers.
/// </summary>
internal static class OffloadValueNames
{
    /// <summary>EnabledDisabledEnum: 0 Disabled, 1 Enabled.</summary>
    public static IReadOnlyList<string> EnabledDisabled { get; } = ["Disabled", "Enabled"];

    /// <summary>ChimneyEnum: 0 Disabled, 1 Enabled, 2 Automatic.</summary>
    public static IReadOnlyList<string> Chimney { get; } = ["Disabled", "Enabled", "Automatic"];

    /// <summary>Checksum direction: 0 Disabled, 1 TxEnabled, 2 RxEnabled, 3 RxTxEnabled.</summary>
    public static IReadOnlyList<string> ChecksumDirection { get; } = ["Disabled", "TxEnabled", "RxEnabled", "RxTxEnabled"];

    /// <summary>
    /// RSS processor selection and load balancing profile, as Set-NetAdapterRss -Profile names it, stored by
    /// MSFT_NetAdapterRssSettingData.Profile and its NDIS keyword from 1: 1 Closest, 2 ClosestStatic, 3 NUMA,
    /// 4 NUMAStatic, 5 Conservative.
    /// </summary>
    public static IReadOnlyList<string> RssProfile { get; } = ["Closest", "ClosestStatic", "NUMA", "NUMAStatic", "Conservative"];

    /// <summary>
    /// MSFT_NetAdapterRscSettingData.IPv4FailureReason / IPv6FailureReason: why RSC is not operational, indexed
    /// by the number CIM reports (0 NoFailure … 5 NetOffloadGlobalDisabled).
    /// </summary>
    public static IReadOnlyList<string> RscFailureReason { get; } =
        ["NoFailure", "NicPropertyDisabled", "WFPCompatibility", "NDISCompatibility", "ForwardingEnabled", "NetOffloadGlobalDisabled"];

    /// <summary>The name for <paramref name="number"/>, or null when it is out of range.</summary>
    public static string? NameOf(IReadOnlyList<string> names, ulong? number) =>
        number is { } n && n < (ulong)names.Count ? names[(int)n] : null;

    /// <summary>The number of <paramref name="name"/> (case-insensitive), or null when it is not one of <paramref name="names"/>.</summary>
    public static int? IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }
}
