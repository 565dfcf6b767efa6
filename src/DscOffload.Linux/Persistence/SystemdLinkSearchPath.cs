namespace DscOffload.Linux.Persistence;

/// <summary>
/// The directories systemd-udevd reads <c>.link</c> files from, highest precedence first. A file name found in an
/// earlier directory hides the same name in later ones (a link to <c>/dev/null</c> hides it without replacing it);
/// the remaining files are then taken in order of their names, across directories.
/// </summary>
/// <param name="Directories">Highest precedence first; the first is where dscoffload writes its own file.</param>
/// <param name="Recording">The recorded files to read instead of the file system, or null for the live host.</param>
internal sealed record SystemdLinkSearchPath(IReadOnlyList<string> Directories, NetworkConfigFiles? Recording = null)
{
    /// <summary>Where the files are read: the recording, else the live file system.</summary>
    public NetworkConfigFiles Files => Recording ?? NetworkConfigFiles.Live;

    /// <summary>systemd's directories for <c>.link</c> files.</summary>
    public static IReadOnlyList<string> SystemDirectories { get; } =
        ["/etc/systemd/network", "/run/systemd/network", "/usr/local/lib/systemd/network", "/usr/lib/systemd/network", "/lib/systemd/network"];

    /// <summary>The effective <c>.link</c> files, in the order udevd tries them.</summary>
    public IReadOnlyList<string> EffectiveFiles()
    {
        var byName = new Dictionary<string, string?>(StringComparer.Ordinal);
        var seenDirectories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in Directories)
        {
            // /lib is often a link to /usr/lib; reading it twice would only repeat the same files.
            var resolved = Files.Identity(directory);
            if (resolved is null || !seenDirectories.Add(resolved))
            {
                continue;
            }

            foreach (var path in Files.FilesIn(directory, ".link"))
            {
                var name = Path.GetFileName(path);
                if (!byName.ContainsKey(name))
                {
                    byName[name] = Files.IsMasked(path) ? null : path;
                }
            }
        }

        return [.. byName.OrderBy(kv => kv.Key, StringComparer.Ordinal).Where(kv => kv.Value is not null).Select(kv => kv.Value!)];
    }
}
