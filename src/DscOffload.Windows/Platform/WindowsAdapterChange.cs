namespace DscOffload.Windows.Platform;

/// <summary>
/// Changes to write to one adapter: typed settings (same vocabulary as
/// <see cref="WindowsAdapterOffloadState"/>) and advanced properties. The platform writes them
/// without restarting the adapter; restarts are a separate, explicit call.
/// </summary>
public sealed class WindowsAdapterChange
{
    /// <summary>Typed settings to write.</summary>
    public Dictionary<string, object> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Advanced properties to write.</summary>
    public Dictionary<string, string> AdvancedProperties { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when there is nothing to write.</summary>
    public bool IsEmpty => Settings.Count == 0 && AdvancedProperties.Count == 0;
}
