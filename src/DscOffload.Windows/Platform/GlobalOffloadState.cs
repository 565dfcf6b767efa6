namespace DscOffload.Windows.Platform;

/// <summary>
/// The host-wide offload settings in the resource's vocabulary. <see cref="Settings"/> maps
/// <c>chimney</c>, <c>receiveSideScaling</c>, … to enum names (<c>Disabled</c>, <c>Enabled</c>,
/// <c>Automatic</c>), from <c>MSFT_NetOffloadGlobalSetting</c>; a missing entry means the class or
/// property does not exist on this Windows version. <see cref="TcpipParameters"/> maps
/// <c>enableTCPChimney</c>, <c>enableRSS</c>, <c>enableTCPA</c>, <c>disableTaskOffload</c> to the
/// REG_DWORD as a boolean, or null when the value does not exist (Windows default).
/// </summary>
public sealed class GlobalOffloadState
{
    /// <summary>CIM-backed settings.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Tcpip\Parameters registry values.</summary>
    public Dictionary<string, bool?> TcpipParameters { get; } = new(StringComparer.Ordinal);
}
