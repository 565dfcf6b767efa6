namespace DscOffload.Linux.Persistence;

/// <summary>
/// <see cref="INetworkManagerControl"/> through NetworkManager's own command-line client, <c>nmcli</c>, which talks to it
/// over the system D-Bus (<c>DBUS_SYSTEM_BUS_ADDRESS</c> when set).
/// </summary>
/// <param name="busAddress">The system bus to reach NetworkManager on instead of the default (a private NetworkManager); null: the default.</param>
internal sealed class NmcliNetworkManager(string? busAddress = null) : INetworkManagerControl
{
    private const string BusVariable = "DBUS_SYSTEM_BUS_ADDRESS";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The client on PATH or in the system directories, or null when NetworkManager's client is not installed.</summary>
    public static string? FindClient() => SystemTool.Find("nmcli");

    /// <inheritdoc />
    public bool IsRunning() => Run("-t", "-f", "RUNNING", "general") is { Error: null } result && result.Output.Trim() == "running";

    /// <inheritdoc />
    public string? Load(string path) => Run("connection", "load", path).Error;

    /// <inheritdoc />
    public string? Reapply(string interfaceName) => Run("device", "reapply", interfaceName).Error;

    private (string Output, string? Error) Run(params string[] arguments) =>
        FindClient() is not { } client ? (string.Empty, "nmcli is not installed")
        : SystemTool.Run(client, ["--wait", ((int)Timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments],
            Timeout + Timeout, busAddress is null ? null : new Dictionary<string, string> { [BusVariable] = busAddress });
}
