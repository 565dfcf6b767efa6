namespace DscOffload.Windows.Platform;

/// <summary>
/// What the Windows resource types need from a host: the global offload settings, the adapters and
/// their offload settings. The live implementation maps these onto CIM classes (ROOT/StandardCimv2)
/// and the registry; the recorded one replays a snapshot; tests use in-memory fakes.
/// </summary>
/// <remarks>
/// Failures are <see cref="Core.Diagnostics.DscOffloadException"/>s: access denied is
/// <c>ElevationRequired</c>, a vanished adapter <c>NoMatch</c>, a value the driver rejects
/// <c>NotSupported</c>. Unsupported features are never errors on read: they are absent.
/// </remarks>
public interface IWindowsOffloadPlatform
{
    /// <summary>The computer name, for <c>_restartRequired</c>.</summary>
    string HostName { get; }

    /// <summary>
    /// The host's Windows build number (<c>Win32_OperatingSystem.BuildNumber</c>, e.g. 17763), which decides whether a
    /// setting still has an effect there; null when unknown (a recording without it), and then every setting is treated
    /// as it was before the build was known. The default is null, for implementations written before this existed.
    /// </summary>
    int? ReadOsBuild() => null;

    /// <summary>Reads the global settings.</summary>
    GlobalOffloadState ReadGlobal();

    /// <summary>Writes the given global settings (same vocabulary as <see cref="ReadGlobal"/>).</summary>
    void WriteGlobal(GlobalOffloadState changes);

    /// <summary>Every adapter, hidden ones included, sorted by name.</summary>
    IReadOnlyList<WindowsAdapterInfo> ListAdapters();

    /// <summary>Reads the offload settings of one adapter.</summary>
    WindowsAdapterOffloadState ReadAdapter(WindowsAdapterInfo adapter);

    /// <summary>Writes offload settings of one adapter without restarting it.</summary>
    void WriteAdapter(WindowsAdapterInfo adapter, WindowsAdapterChange change);

    /// <summary>Restarts the adapter once so that the miniport reads its new settings (a short link drop).</summary>
    void RestartAdapter(WindowsAdapterInfo adapter);
}
