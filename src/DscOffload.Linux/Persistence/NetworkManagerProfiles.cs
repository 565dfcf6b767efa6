namespace DscOffload.Linux.Persistence;

/// <summary>
/// NetworkManager keyfile profiles (<c>*.nmconnection</c>) bound to a device by <c>[connection] interface-name=</c> or
/// <c>[ethernet] mac-address=</c>, and their <c>[ethtool] feature-*</c> keys, which NetworkManager applies each time
/// it activates the profile.
/// </summary>
internal static class NetworkManagerProfiles
{
    /// <summary>NetworkManager's keyfile directories below a root, highest precedence first.</summary>
    public static IReadOnlyList<string> Directories { get; } =
        ["etc/NetworkManager/system-connections", "run/NetworkManager/system-connections", "usr/lib/NetworkManager/system-connections"];

    /// <summary>The profiles under <paramref name="root"/> bound to <paramref name="device"/>, in directory and name order.</summary>
    public static IReadOnlyList<NetworkManagerProfile> Bound(string root, LinkDeviceFacts device, NetworkConfigFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        files ??= NetworkConfigFiles.Live;
        var result = new List<NetworkManagerProfile>();
        for (var index = 0; index < Directories.Count; index++)
        {
            foreach (var path in files.FilesIn(Path.Combine(root, Directories[index]), ".nmconnection"))
            {
                var lines = LinkFileLines.Read(string.Join('\n', StackFileText.Lines(files, path)));
                if (IsBoundTo(lines, device))
                {
                    result.Add(new NetworkManagerProfile(path, index == 0, lines));
                }
            }
        }

        return result;
    }

    /// <summary>The offload keys of profiles under <paramref name="root"/> (read through <paramref name="files"/>) bound to <paramref name="device"/>.</summary>
    public static IEnumerable<PersistedOffload> Find(NetworkConfigFiles files, string root, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(device);
        foreach (var path in Directories.SelectMany(d => files.FilesIn(Path.Combine(root, d), ".nmconnection")))
        {
            var lines = LinkFileLines.Read(string.Join('\n', StackFileText.Lines(files, path)));
            if (!IsBoundTo(lines, device))
            {
                continue;
            }

            foreach (var line in lines.Where(l => l.Section == "ethtool" && l.Key.StartsWith("feature-", StringComparison.Ordinal)))
            {
                if (StackFileText.Boolean(line.Value) is { } on)
                {
                    yield return new PersistedOffload(path, line.Line, "NetworkManager profile", line.Key["feature-".Length..], on);
                }
            }
        }
    }

    private static bool IsBoundTo(IReadOnlyList<LinkFileLine> lines, LinkDeviceFacts device)
    {
        var name = lines.LastOrDefault(l => l.Section == "connection" && l.Key == "interface-name")?.Value;
        var mac = lines.LastOrDefault(l => l.Section is "ethernet" or "802-3-ethernet" && l.Key == "mac-address")?.Value;
        if (name is { Length: > 0 })
        {
            return name == device.Name;
        }

        return mac is { Length: > 0 } && (SameAddress(mac, device.PermanentAddress) || SameAddress(mac, device.CurrentAddress));
    }

    private static bool SameAddress(string a, string? b) => b is not null && string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);
}
