namespace DscOffload.Linux.Persistence;

/// <summary>
/// udev rules (<c>*.rules</c>) whose <c>RUN+=</c> runs <c>ethtool -K</c> for a device: they run whenever the device
/// appears, after the <c>.link</c> file is applied. A rule counts for the device when it names it
/// (<c>KERNEL==</c>/<c>NAME==</c> pattern) or runs ethtool on the device at hand (<c>%k</c>) for network devices.
/// </summary>
internal static class UdevEthtoolRules
{
    /// <summary>udev's rule directories below a root.</summary>
    public static IReadOnlyList<string> Directories { get; } = ["etc/udev/rules.d", "run/udev/rules.d", "usr/lib/udev/rules.d", "lib/udev/rules.d"];

    /// <summary>The offloads rules under <paramref name="root"/> (read through <paramref name="files"/>) set on <paramref name="device"/>.</summary>
    public static IEnumerable<PersistedOffload> Find(NetworkConfigFiles files, string root, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (var path in EffectiveFiles(files, root))
        {
            var lines = StackFileText.Lines(files, path);
            for (var index = 0; index < lines.Length; index++)
            {
                var line = lines[index].Trim();
                if (line.StartsWith('#') || !line.Contains("ethtool", StringComparison.Ordinal) || !NamesDevice(line, device.Name))
                {
                    continue;
                }

                var run = line.IndexOf("RUN", StringComparison.Ordinal);
                var quote = run < 0 ? -1 : line.IndexOf('"', run);
                var end = quote < 0 ? -1 : line.IndexOf('"', quote + 1);
                if (end < 0)
                {
                    continue;
                }

                var words = line[(quote + 1)..end].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                foreach (var (feature, on) in EthtoolCommand.OffloadsOf(words, device.Name))
                {
                    yield return new PersistedOffload(path, index + 1, "udev rule", feature, on);
                }
            }
        }
    }

    /// <summary>The rules files udev reads below <paramref name="root"/>: a name in an earlier directory hides the same name in later ones.</summary>
    public static IReadOnlyList<string> EffectiveFiles(NetworkConfigFiles files, string root)
    {
        ArgumentNullException.ThrowIfNull(files);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. Directories.SelectMany(d => files.FilesIn(Path.Combine(root, d), ".rules")).Where(path => seen.Add(Path.GetFileName(path)))];
    }

    // KERNEL=="eth*" / NAME=="eth0" must fit the device; a rule without them applies to every device of its subsystem.
    private static bool NamesDevice(string line, string name)
    {
        foreach (var key in new[] { "KERNEL==\"", "NAME==\"" })
        {
            var at = line.IndexOf(key, StringComparison.Ordinal);
            if (at >= 0)
            {
                var end = line.IndexOf('"', at + key.Length);
                if (end > 0 && !line[(at + key.Length)..end].Split('|').Any(p => ShellGlob.Matches(p, name)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
