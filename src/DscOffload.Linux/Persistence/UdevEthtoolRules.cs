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

    /// <summary>The offloads rules under <paramref name="root"/> set on <paramref name="device"/>.</summary>
    public static IEnumerable<PersistedOffload> Find(string root, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directories.SelectMany(d => StackFileText.FilesIn(Path.Combine(root, d), ".rules")))
        {
            // A rules file name in an earlier directory hides the same name in later ones.
            if (!seen.Add(Path.GetFileName(path)))
            {
                continue;
            }

            var lines = StackFileText.Lines(path);
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
