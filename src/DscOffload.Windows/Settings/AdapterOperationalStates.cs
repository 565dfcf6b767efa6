using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Settings;

/// <summary>
/// The operational states of <c>DscOffload.Windows/NetAdapterOffload</c>: which settings Windows reports one
/// for, the values the <c>operationalState</c> detail uses and what each means. Only
/// MSFT_NetAdapterRscSettingData reports one; MSFT_NetAdapterRssSettingData documents no operational state, so
/// none is claimed for RSS.
/// </summary>
internal static class AdapterOperationalStates
{
    /// <summary>The value of a setting that is in effect.</summary>
    public const string Operational = "Operational";

    /// <summary>The value of a setting that is not in effect, with no documented reason given.</summary>
    public const string NotOperational = "NotOperational";

    /// <summary>The settings with an operational state, in schema order.</summary>
    public static IReadOnlyList<AdapterOperationalState> All { get; } =
    [
        new("rscIPv4", CimClassNames.Rsc, "IPv4OperationalState", "IPv4FailureReason"),
        new("rscIPv6", CimClassNames.Rsc, "IPv6OperationalState", "IPv6FailureReason"),
    ];

    /// <summary>Every value of <c>operationalState</c>: Operational, NotOperational and each documented failure reason.</summary>
    public static IReadOnlyList<string> Values { get; } =
        [Operational, NotOperational, .. OffloadValueNames.RscFailureReason.Skip(1)];

    /// <summary>
    /// The value for a reported state: Operational when it is in effect, else the documented failure reason,
    /// or NotOperational when Windows gives none (or one this version does not document).
    /// </summary>
    public static string? Describe(bool? operational, ulong? reason) => operational switch
    {
        null => null,
        true => Operational,
        false => OffloadValueNames.NameOf(OffloadValueNames.RscFailureReason, reason) is { } name && name != "NoFailure" ? name : NotOperational,
    };

    /// <summary>What a value that is not <see cref="Operational"/> means, for "requested on, not operational because …".</summary>
    public static string Because(string value) => value switch
    {
        "NicPropertyDisabled" => "the adapter's own setting is off (NicPropertyDisabled)",
        "WFPCompatibility" => "a Windows Filtering Platform callout is incompatible with it (WFPCompatibility)",
        "NDISCompatibility" => "a filter driver bound to the adapter is incompatible with it (NDISCompatibility)",
        "ForwardingEnabled" => "IP forwarding is enabled on the interface (ForwardingEnabled)",
        "NetOffloadGlobalDisabled" => "it is disabled host-wide in MSFT_NetOffloadGlobalSetting (NetOffloadGlobalDisabled)",
        _ => "Windows reports it not operational without a reason (NotOperational)",
    };
}
