using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Reads what <see cref="SystemdLinkMatcher"/> needs about a live device: its current address from sysfs and its udev
/// properties from udev's database (<c>n&lt;ifindex&gt;</c>, lines <c>E:KEY=VALUE</c>). A file that cannot be read
/// leaves that fact unknown rather than guessed.
/// </summary>
/// <param name="SysClassNet">The sysfs directory of network devices (<c>/sys/class/net</c>).</param>
/// <param name="UdevData">udev's database directory (<c>/run/udev/data</c>).</param>
internal sealed record LinkDeviceFactsReader(string SysClassNet, string UdevData)
{
    /// <summary>The directories of a live host.</summary>
    public static LinkDeviceFactsReader Live { get; } = new("/sys/class/net", "/run/udev/data");

    /// <summary>Facts known without reading the host (recorded or fake devices): the name and permanent address.</summary>
    public static LinkDeviceFacts WithoutHost(LinuxInterface device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new LinkDeviceFacts(device.Name, device.PermanentAddress, null, null);
    }

    /// <summary>The facts of <paramref name="device"/>.</summary>
    public LinkDeviceFacts Read(LinuxInterface device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var address = ReadOrNull(Path.Combine(SysClassNet, device.Name, "address"))?.Trim();
        Dictionary<string, string>? properties = null;
        if (ReadOrNull(Path.Combine(UdevData, $"n{device.IfIndex}")) is { } database)
        {
            properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in database.Split('\n').Where(l => l.StartsWith("E:", StringComparison.Ordinal)))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals > 2)
                {
                    properties[line[2..equals]] = line[(equals + 1)..];
                }
            }
        }

        return new LinkDeviceFacts(device.Name, device.PermanentAddress, address is { Length: > 0 } ? address : null, properties);
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
