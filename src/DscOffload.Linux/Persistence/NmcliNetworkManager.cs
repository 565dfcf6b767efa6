using System.Diagnostics;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// <see cref="INetworkManagerControl"/> through NetworkManager's own command-line client, <c>nmcli</c>, which talks to it
/// over the system D-Bus (<c>DBUS_SYSTEM_BUS_ADDRESS</c> when set).
/// </summary>
/// <param name="busAddress">The system bus to reach NetworkManager on instead of the default (a private NetworkManager); null: the default.</param>
internal sealed class NmcliNetworkManager(string? busAddress = null) : INetworkManagerControl
{
    private const string BusVariable = "DBUS_SYSTEM_BUS_ADDRESS";

    private static readonly string[] Directories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The client found on PATH or in the usual directories, or null when NetworkManager's client is not installed.</summary>
    public static string? FindClient() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directories).Select(d => Path.Combine(d, "nmcli")).FirstOrDefault(File.Exists);

    /// <inheritdoc />
    public bool IsRunning() => Run("-t", "-f", "RUNNING", "general") is { Error: null } result && result.Output.Trim() == "running";

    /// <inheritdoc />
    public string? Load(string path) => Run("connection", "load", path).Error;

    /// <inheritdoc />
    public string? Reapply(string interfaceName) => Run("device", "reapply", interfaceName).Error;

    private (string Output, string? Error) Run(params string[] arguments)
    {
        if (FindClient() is not { } client)
        {
            return (string.Empty, "nmcli is not installed");
        }

        var start = new ProcessStartInfo(client) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (busAddress is not null)
        {
            start.Environment[BusVariable] = busAddress;
        }

        start.ArgumentList.Add("--wait");
        start.ArgumentList.Add(((int)Timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(Timeout + Timeout))
            {
                process.Kill();
                return (output, $"nmcli {string.Join(' ', arguments)} did not finish");
            }

            var message = error.GetAwaiter().GetResult().ReplaceLineEndings(" ").Trim();
            return (output, process.ExitCode == 0 ? null : $"nmcli {string.Join(' ', arguments)} exited with {process.ExitCode}: {message}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (string.Empty, $"nmcli could not be started: {e.Message}");
        }
    }
}
