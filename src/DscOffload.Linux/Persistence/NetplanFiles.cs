namespace DscOffload.Linux.Persistence;

/// <summary>
/// netplan's <c>*-offload</c> keys of the <c>ethernets</c> entry that applies to a device (by its id, or by
/// <c>match: name/macaddress</c>). netplan renders them into a networkd <c>.link</c> file at every boot.
/// </summary>
/// <remarks>
/// Read line by line (block-style YAML as netplan files are written: <c>key: value</c>, indentation for nesting);
/// flow-style mappings are not read.
/// </remarks>
internal static class NetplanFiles
{
    /// <summary>netplan's configuration directories below a root.</summary>
    public static IReadOnlyList<string> Directories { get; } = ["etc/netplan", "run/netplan", "lib/netplan"];

    // A file name in an earlier directory hides the same name in later ones (netplan-generate(8), "Handling multiple files").
    private static readonly string[] ByPrecedence = ["run/netplan", "etc/netplan", "lib/netplan"];

    // netplan key → the kernel feature(s) its networkd key sets.
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["receive-checksum-offload"] = "rx-checksum",
        ["transmit-checksum-offload"] = "tx-checksum-*",
        ["tcp-segmentation-offload"] = "tx-tcp-segmentation",
        ["tcp6-segmentation-offload"] = "tx-tcp6-segmentation",
        ["generic-segmentation-offload"] = "tx-generic-segmentation",
        ["generic-receive-offload"] = "rx-gro",
        ["large-receive-offload"] = "rx-lro",
    };

    /// <summary>The offload keys under <paramref name="root"/> (read through <paramref name="files"/>) that apply to <paramref name="device"/>.</summary>
    public static IEnumerable<PersistedOffload> Find(NetworkConfigFiles files, string root, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(device);
        foreach (var path in Directories.SelectMany(d => files.FilesIn(Path.Combine(root, d), ".yaml")))
        {
            foreach (var entry in Entries(StackFileText.Lines(files, path)).Where(e => e.AppliesTo(device)))
            {
                foreach (var (key, value, line) in entry.Offloads)
                {
                    if (StackFileText.Boolean(value) is { } on)
                    {
                        yield return new PersistedOffload(path, line, "netplan", Keys[key], on);
                    }
                }
            }
        }
    }

    /// <summary>True when an <c>ethernets</c> entry under <paramref name="root"/> applies to <paramref name="device"/>.</summary>
    public static bool Configures(string root, LinkDeviceFacts device, NetworkConfigFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        var source = files ?? NetworkConfigFiles.Live;
        return Directories.SelectMany(d => source.FilesIn(Path.Combine(root, d), ".yaml"))
            .Any(path => Entries(StackFileText.Lines(source, path)).Any(e => e.AppliesTo(device)));
    }

    /// <summary>
    /// The files netplan reads below <paramref name="root"/>, in the order it merges them: a name in <c>run/netplan</c>
    /// hides the same name in <c>etc/netplan</c>, which hides it in <c>lib/netplan</c>; the rest are taken by file name,
    /// across directories, and a later file amends the definitions of an earlier one.
    /// </summary>
    public static IReadOnlyList<string> EffectiveFiles(string root)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in ByPrecedence.SelectMany(d => NetworkConfigFiles.Live.FilesIn(Path.Combine(root, d), ".yaml")))
        {
            byName.TryAdd(Path.GetFileName(path), path);
        }

        return [.. byName.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value)];
    }

    /// <summary>The <c>ethernets</c> definitions of <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<NetplanDefinition> Definitions(string path) =>
        [.. Entries(StackFileText.Lines(NetworkConfigFiles.Live, path)).Select(e => new NetplanDefinition(path, e.Id, e.Line, e.Match, e.Offloads, e.SetName))];

    /// <summary>
    /// The <c>renderer:</c> key that decides the backend of the definition configuring <paramref name="device"/> below
    /// <paramref name="root"/> (its own, else its device type's, else the global one, each the last in netplan's file
    /// order); null when no definition configures it or no such key is set (netplan's default is networkd).
    /// </summary>
    public static NetplanRenderer? RendererOf(string root, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(device);
        NetplanRenderer? global = null, ethernets = null;
        var own = new Dictionary<string, NetplanRenderer>(StringComparer.Ordinal);
        var matches = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var setNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in EffectiveFiles(root))
        {
            var renderers = new List<(int Depth, string Id, string Value, int Line)>();
            foreach (var entry in Entries(StackFileText.Lines(NetworkConfigFiles.Live, path), renderers))
            {
                var match = matches.TryGetValue(entry.Id, out var m) ? m : matches[entry.Id] = new(StringComparer.Ordinal);
                foreach (var (key, value) in entry.Match)
                {
                    match[key] = value;
                }

                if (entry.SetName is not null)
                {
                    setNames[entry.Id] = entry.SetName;
                }
            }

            foreach (var (depth, id, value, line) in renderers)
            {
                var renderer = new NetplanRenderer(value, path, line);
                if (depth == 2)
                {
                    global = renderer;
                }
                else if (depth == 3)
                {
                    ethernets = renderer;
                }
                else
                {
                    own[id] = renderer;
                }
            }
        }

        var ids = matches.Where(kv => Applies(kv.Key, kv.Value, device, setNames.GetValueOrDefault(kv.Key))).Select(kv => kv.Key).ToList();
        return ids.Count == 0 ? null : ids.Select(id => own.GetValueOrDefault(id)).FirstOrDefault(r => r is not null) ?? ethernets ?? global;
    }

    private static List<Entry> Entries(string[] lines, List<(int Depth, string Id, string Value, int Line)>? renderers = null)
    {
        var entries = new List<Entry>();
        var stack = new List<(int Indent, string Key)>();
        Entry? current = null;
        for (var index = 0; index < lines.Length; index++)
        {
            var raw = lines[index];
            var hash = raw.IndexOf(" #", StringComparison.Ordinal);
            var text = (raw.TrimStart().StartsWith('#') ? string.Empty : hash >= 0 ? raw[..hash] : raw).TrimEnd();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (text.Trim().Length == 0 || colon < 0)
            {
                continue;
            }

            var indent = text.Length - text.TrimStart().Length;
            var key = Unquote(text[..colon].Trim());
            var value = Unquote(text[(colon + 1)..].Trim());
            stack.RemoveAll(s => s.Indent >= indent);
            stack.Add((indent, key));
            var keys = stack.Select(s => s.Key).ToList();
            if (key == "renderer" && keys[0] == "network" && (keys.Count == 2 || (keys.Count is 3 or 4 && keys[1] == "ethernets")))
            {
                // network: renderer:, network: ethernets: renderer: (the device type's) and a definition's own.
                renderers?.Add((keys.Count, keys.Count == 4 ? keys[2] : string.Empty, value, index + 1));
            }
            else if (keys.Count == 3 && keys[0] == "network" && keys[1] == "ethernets")
            {
                current = new Entry(key, index + 1);
                entries.Add(current);
            }
            else if (current is not null && keys.Count == 4 && keys[1] == "ethernets" && Keys.ContainsKey(key))
            {
                current.Offloads.Add((key, value, index + 1));
            }
            else if (current is not null && keys.Count == 4 && keys[1] == "ethernets" && key == "set-name")
            {
                current.SetName = value;
            }
            else if (current is not null && keys.Count == 5 && keys[1] == "ethernets" && keys[3] == "match")
            {
                current.Match[key] = value;
            }
        }

        return entries;
    }

    /// <summary>
    /// Whether a definition with <paramref name="id"/> and <paramref name="match"/> is about <paramref name="device"/>:
    /// without <c>match</c> the id is the interface name; with it, <c>name</c> (a shell glob) and <c>macaddress</c> must
    /// both fit where given. With <paramref name="setName"/>, netplan's <c>.link</c> file renames the matched device, and
    /// <c>name</c> was matched with the kernel's name before that rename: a device carrying the new name fits it.
    /// </summary>
    public static bool Applies(string id, IReadOnlyDictionary<string, string> match, LinkDeviceFacts device, string? setName = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(device);
        if (match.Count == 0)
        {
            return id == device.Name;
        }

        var name = !match.TryGetValue("name", out var pattern) || ShellGlob.Matches(pattern, device.Name) || setName == device.Name;
        var address = !match.TryGetValue("macaddress", out var mac)
            || string.Equals(mac, device.CurrentAddress ?? device.PermanentAddress, StringComparison.OrdinalIgnoreCase);
        return name && address;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == text[^1] && text[0] is '"' or '\'' ? text[1..^1] : text;

    private sealed class Entry(string id, int line)
    {
        public string Id => id;

        public int Line => line;

        public List<(string Key, string Value, int Line)> Offloads { get; } = [];

        public Dictionary<string, string> Match { get; } = new(StringComparer.Ordinal);

        public string? SetName { get; set; }

        public bool AppliesTo(LinkDeviceFacts device) => Applies(id, Match, device, SetName);
    }
}
