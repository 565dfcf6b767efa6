namespace DscOffload.Linux.Persistence;

/// <summary>
/// ifupdown's <c>/etc/network/interfaces</c> (and <c>interfaces.d/*</c>): in the <c>iface</c> stanza of a device,
/// <c>offload-&lt;alias&gt; on|off</c> lines (the ethtool package's hook) and <c>pre-up/up/post-up ethtool -K</c> commands,
/// which run every time the interface is brought up.
/// </summary>
internal static class IfupdownFiles
{
    /// <summary>The offload lines under <paramref name="root"/> (read through <paramref name="files"/>) for <paramref name="device"/>.</summary>
    public static IEnumerable<PersistedOffload> Find(NetworkConfigFiles files, string root, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(device);
        foreach (var path in Paths(files, root))
        {
            string? stanza = null;
            var lines = StackFileText.Lines(files, path);
            for (var index = 0; index < lines.Length; index++)
            {
                var words = lines[index].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || words[0].StartsWith('#'))
                {
                    continue;
                }

                if (words[0] is "iface" or "auto" or "allow-hotplug" or "mapping" or "source" or "source-directory")
                {
                    stanza = words[0] == "iface" && words.Length > 1 ? words[1] : null;
                    continue;
                }

                if (stanza != device.Name)
                {
                    continue;
                }

                if (words[0].StartsWith("offload-", StringComparison.Ordinal) && words.Length > 1 && StackFileText.Boolean(words[1]) is { } on)
                {
                    yield return new PersistedOffload(path, index + 1, "ifupdown", words[0]["offload-".Length..], on);
                }
                else if (words[0] is "pre-up" or "up" or "post-up")
                {
                    foreach (var (feature, value) in EthtoolCommand.OffloadsOf(words.Skip(1).ToArray(), device.Name))
                    {
                        yield return new PersistedOffload(path, index + 1, "ifupdown", feature, value);
                    }
                }
            }
        }
    }

    /// <summary>The files ifupdown reads below <paramref name="root"/>: <c>etc/network/interfaces</c>, then <c>interfaces.d/*</c>.</summary>
    public static IReadOnlyList<string> Paths(NetworkConfigFiles files, string root)
    {
        ArgumentNullException.ThrowIfNull(files);
        return [Path.Combine(root, "etc/network/interfaces"), .. files.FilesIn(Path.Combine(root, "etc/network/interfaces.d"), string.Empty)];
    }
}
