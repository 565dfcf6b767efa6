namespace DscOffload.Windows.Platform;

/// <summary>
/// The offload settings of one adapter, in the resource's vocabulary: property name
/// (<c>lsoIPv4</c>, <c>checksumTcpIPv4</c>, <c>rss</c>, …) → value (<see cref="bool"/> or the enum name
/// such as <c>RxTxEnabled</c>). A missing entry means the adapter does not have the feature (no CIM
/// instance and no NDIS keyword). <see cref="AdvancedProperties"/> holds every NDIS keyword the driver
/// defines, keyword → registry value string.
/// </summary>
public sealed class WindowsAdapterOffloadState
{
    /// <summary>Typed offload settings that the adapter supports.</summary>
    public Dictionary<string, object> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Advanced properties (NDIS keywords) and their registry values.</summary>
    public Dictionary<string, string> AdvancedProperties { get; } = new(StringComparer.OrdinalIgnoreCase);
}
