using DscOffload.Linux.Persistence;
using DscOffload.Linux.Live;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Recorded;

/// <summary>
/// Writes, for <c>dscoffload snapshot</c>, the section <c>metadata.DscOffload.networkConfiguration</c>: the persisted
/// network configuration that shadow and override detection reads (the <c>.link</c> files of systemd's directories with
/// their <c>/dev/null</c> masks, NetworkManager keyfiles, netplan files, ifupdown's interfaces files and the udev rules
/// that mention ethtool) and the device facts a <c>[Match]</c> section is evaluated against, so that a dry run against
/// the recording (<see cref="RecordedNetworkConfigFiles"/>) reports the same shadows as the live host.
/// </summary>
/// <remarks>
/// Bounded: a file larger than <see cref="MaxFileBytes"/> is listed as skipped with the reason. Secrets stay on the
/// host: in NetworkManager, netplan and ifupdown files the value of any key naming a password, psk, secret or key is
/// replaced, the line kept, so that every recorded line number is the host's.
/// </remarks>
internal static class NetworkConfigRecorder
{
    /// <summary>The largest file recorded; larger ones are listed as skipped.</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <summary>What a secret's value is replaced with.</summary>
    public const string Redacted = "<redacted>";

    private static readonly string[] SecretWords = ["password", "psk", "secret", "key"];

    /// <summary>The section for the live host: files below <paramref name="root"/>, facts of every interface.</summary>
    public static JObject RecordLive(string root)
    {
        using var devices = LiveEthtoolDevices.Open();
        return Record(root, devices.ListInterfaces().Select(LinkDeviceFactsReader.Live.Read));
    }

    /// <summary>The section for the files below <paramref name="root"/> (recorded as paths below <c>/</c>) and <paramref name="devices"/>.</summary>
    public static JObject Record(string root, IEnumerable<LinkDeviceFacts> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var live = new ListingOrSkip();
        var files = new JArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in SystemdLinkSearchPath.SystemDirectories.Select(d => Below(root, d)))
        {
            // An alias directory (/lib of /usr/lib) is read once, as udevd reads it once.
            if (live.Identity(directory) is { } identity && seen.Add(identity))
            {
                AddAll(files, root, live.FilesIn(directory, ".link"), redact: false);
            }
        }

        AddAll(files, root, NetworkManagerProfiles.Directories.SelectMany(d => live.FilesIn(Below(root, d), ".nmconnection")), redact: true);
        AddAll(files, root, NetplanFiles.Directories.SelectMany(d => live.FilesIn(Below(root, d), ".yaml")), redact: true);
        AddAll(files, root, IfupdownFiles.Paths(live, root).Where(p => File.Exists(p) || live.IsMasked(p)), redact: true);
        // Only the rules that can run ethtool: udev reads the first file of each name, and that is the one detection reads.
        AddAll(files, root, UdevEthtoolRules.EffectiveFiles(live, root).Where(p => live.IsMasked(p) || MentionsEthtool(p)), redact: false);
        foreach (var (directory, why) in live.Unreadable)
        {
            files.Add(new JObject { ["path"] = Recorded(root, directory), ["skipped"] = why });
        }

        var facts = new JObject();
        foreach (var device in devices)
        {
            var entry = new JObject();
            if (device.CurrentAddress is { } address)
            {
                entry["address"] = address;
            }

            if (device.Properties is { } properties)
            {
                entry["udev"] = new JObject(properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new JProperty(p.Key, p.Value)));
            }

            facts[device.Name] = entry;
        }

        return new JObject
        {
            ["version"] = RecordedNetworkConfigFiles.Version,
            ["files"] = files,
            ["devices"] = facts,
        };
    }

    /// <summary><paramref name="text"/> with the value of every key naming a secret replaced, line for line.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
            {
                continue;
            }

            // The key ends at '=' (keyfiles), ':' (YAML) or white space (ifupdown), whichever comes first.
            var end = trimmed.IndexOfAny(['=', ':', ' ', '\t']);
            if (end > 0 && SecretWords.Any(w => trimmed[..end].Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                var start = line.Length - trimmed.Length;
                var separator = trimmed[end] is '=' or ':' ? trimmed[end].ToString() : " ";
                lines[i] = $"{line[..start]}{trimmed[..end]}{separator}{(separator == ":" ? " " : "")}{Redacted}";
            }
        }

        return string.Join('\n', lines);
    }

    private static void AddAll(JArray files, string root, IEnumerable<string> paths, bool redact)
    {
        foreach (var path in paths)
        {
            var recorded = new JObject { ["path"] = Recorded(root, path) };
            if (NetworkConfigFiles.Live.IsMasked(path))
            {
                recorded["masked"] = true;
            }
            else if (new FileInfo(path) is { Exists: true, Length: > MaxFileBytes } large)
            {
                recorded["skipped"] = $"larger than {MaxFileBytes} bytes ({large.Length})";
            }
            else
            {
                try
                {
                    var text = NetworkConfigFiles.Live.ReadOrNull(path) ?? string.Empty;
                    recorded["text"] = redact ? Redact(text) : text;
                }
                catch (Core.Diagnostics.DscOffloadException e)
                {
                    recorded["skipped"] = e.Message;
                }
            }

            files.Add(recorded);
        }
    }

    // A file too large or not allowed to read is listed (as skipped), so the recording says what it could not look at.
    private static bool MentionsEthtool(string path)
    {
        try
        {
            return new FileInfo(path).Length > MaxFileBytes || (NetworkConfigFiles.Live.ReadOrNull(path) ?? string.Empty).Contains("ethtool", StringComparison.Ordinal);
        }
        catch (Core.Diagnostics.DscOffloadException)
        {
            return true;
        }
    }

    // The host's path of a file below the root.
    private static string Recorded(string root, string path) => "/" + Path.GetRelativePath(root, path).Replace('\\', '/').TrimStart('/');

    // The live file system, except that a directory it may not list (NetworkManager's is often root's alone) is noted
    // instead of failing the whole snapshot: the recording then names it as skipped.
    private sealed class ListingOrSkip : NetworkConfigFiles
    {
        public List<(string Directory, string Why)> Unreadable { get; } = [];

        public override bool IsRecorded => false;

        public override IReadOnlyList<string> FilesIn(string directory, string suffix)
        {
            try
            {
                return Live.FilesIn(directory, suffix);
            }
            catch (Core.Diagnostics.DscOffloadException e)
            {
                if (!Unreadable.Any(u => u.Directory == directory))
                {
                    Unreadable.Add((directory, e.Kind == Core.Diagnostics.ErrorKind.ElevationRequired ? "the directory cannot be listed without root" : $"the directory cannot be listed: {e.Message}"));
                }

                return [];
            }
        }

        public override string? ReadOrNull(string path) => Live.ReadOrNull(path);

        public override bool IsMasked(string path) => Live.IsMasked(path);

        public override string? Identity(string directory) => Live.Identity(directory);
    }

    private static string Below(string root, string directory) => Path.Combine(root, directory.TrimStart('/'));
}
