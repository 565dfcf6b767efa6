namespace DscOffload.Windows.Platform;

/// <summary>
/// The offload settings of one adapter, in the resource's vocabulary: property name
/// (<c>lsoIPv4</c>, <c>checksumTcpIPv4</c>, <c>rss</c>, …) → value (<see cref="bool"/> or the enum name
/// such as <c>RxTxEnabled</c>, or a <see cref="long"/> for RSS processor numbers and counts). A missing entry means the adapter does not have the feature (no CIM
/// instance and no NDIS keyword). <see cref="AdvancedProperties"/> holds every NDIS keyword the driver
/// defines, keyword → registry value string.
/// </summary>
public sealed class WindowsAdapterOffloadState
{
    /// <summary>Typed offload settings that the adapter supports.</summary>
    public Dictionary<string, object> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Read-only operational states Windows reports for some settings (<c>rscIPv4</c>, <c>rscIPv6</c>): setting name →
    /// <c>Operational</c>, a documented failure reason such as <c>WFPCompatibility</c>, or <c>NotOperational</c>.
    /// A missing entry means Windows reports none.
    /// </summary>
    public Dictionary<string, string> OperationalStates { get; } = new(StringComparer.Ordinal);

    /// <summary>Advanced properties (NDIS keywords) and their registry values.</summary>
    public Dictionary<string, string> AdvancedProperties { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The documented range and step of each numeric advanced property (keyword → range); keywords that are not numeric,
    /// or whose driver gives no range, have none.
    /// </summary>
    internal Dictionary<string, NumericKeywordRange> AdvancedPropertyRanges { get; } = new(StringComparer.OrdinalIgnoreCase);
}
