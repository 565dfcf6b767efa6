using System.Globalization;
using System.Text;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// dscoffload's systemd <c>.link</c> file for one interface: where it lives, how it is written and read
/// back. systemd-udevd applies <c>.link</c> files when a device appears (boot, hot-plug, driver reload),
/// which is what makes offload settings survive; writing the file does not change the running device.
/// </summary>
/// <remarks>
/// The file is named <c>10-dscoffload-&lt;interface&gt;.link</c>. udev sorts all <c>.link</c> files by name
/// and applies only the <em>first</em> one whose <c>[Match]</c> fits the device, so the prefix has to sort
/// before distribution defaults such as <c>99-default.link</c>; otherwise the default file would match
/// first and this one would never apply. The flip side is that this file replaces those defaults for the
/// device, which is why <see cref="SystemdLinkMapping"/> keeps the device's name with <c>Name=</c>.
/// </remarks>
internal sealed class SystemdLinkFile
{
    /// <summary>The directory administrators' <c>.link</c> files live in; it takes precedence over <c>/usr/lib</c>.</summary>
    public const string DefaultDirectory = "/etc/systemd/network";

    private const string MatchSection = "Match";
    private const string LinkSection = "Link";
    private const int MaxInterfaceNameBytes = 15;

    /// <summary>Creates a store for <c>.link</c> files in <paramref name="directory"/> (tests pass a temporary one).</summary>
    /// <param name="directory">Where dscoffload's files are written.</param>
    /// <param name="otherDirectories">
    /// The other directories udevd reads <c>.link</c> files from, in precedence order. Null means systemd's own
    /// (<see cref="SystemdLinkSearchPath.SystemDirectories"/>) for the default directory, and none for any other,
    /// so that a staging or test directory is never compared with the host's files.
    /// </param>
    /// <param name="recording">The files a snapshot recorded, read instead of the file system; nothing is ever written then.</param>
    public SystemdLinkFile(string directory = DefaultDirectory, IReadOnlyList<string>? otherDirectories = null, NetworkConfigFiles? recording = null)
    {
        Directory = directory;
        otherDirectories ??= directory == DefaultDirectory ? SystemdLinkSearchPath.SystemDirectories : [];
        SearchPath = new SystemdLinkSearchPath([directory, .. otherDirectories.Where(d => d != directory)], recording);
    }

    /// <summary>Every directory udevd reads <c>.link</c> files from, this store's first.</summary>
    public SystemdLinkSearchPath SearchPath { get; }

    /// <summary>The directory the files are written to.</summary>
    public string Directory { get; }

    /// <summary><c>10-dscoffload-&lt;interface&gt;.link</c>.</summary>
    /// <exception cref="DscOffloadException">The name cannot be a Linux interface name (InvalidInput).</exception>
    public static string FileNameFor(string interfaceName)
    {
        if (interfaceName.Length == 0 || interfaceName is "." or ".." ||
            Encoding.UTF8.GetByteCount(interfaceName) > MaxInterfaceNameBytes ||
            interfaceName.Any(c => c is '/' or ':' or '\0' || char.IsWhiteSpace(c)))
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                $"'{interfaceName}' is not a Linux interface name (1 to {MaxInterfaceNameBytes} bytes, no '/', ':' or white space)");
        }

        return $"10-dscoffload-{interfaceName}.link";
    }

    /// <summary>The full path of the file for <paramref name="interfaceName"/>.</summary>
    public string PathFor(string interfaceName) => Path.Combine(Directory, FileNameFor(interfaceName));

    /// <summary>The file text for <paramref name="settings"/>: <c>[Match]</c>, then <c>[Link]</c>, then anything else kept.</summary>
    public static string Render(SystemdLinkSettings settings)
    {
        var text = new StringBuilder();
        text.Append("# Managed by dscoffload (DscOffload.Linux/NetAdapterOffload); changes are overwritten.\n");
        text.Append("# systemd-udevd applies it when the device appears; only the first matching .link file applies.\n");
        text.Append('[').Append(MatchSection).Append("]\n");
        AppendEntry(text, SystemdLinkKeys.PermanentMacAddress, settings.MatchPermanentAddress);
        AppendEntry(text, SystemdLinkKeys.OriginalName, settings.MatchOriginalName);
        AppendOthers(text, settings, MatchSection);

        text.Append("\n[").Append(LinkSection).Append("]\n");
        AppendEntry(text, SystemdLinkKeys.Name, settings.Name);
        foreach (var key in SystemdLinkKeys.FeatureKeys)
        {
            if (settings.FeatureSwitches.TryGetValue(key.Key, out var on))
            {
                AppendEntry(text, key.Key, on ? "true" : "false");
            }
        }

        AppendEntry(text, SystemdLinkKeys.RxChannels, settings.Channels.Rx);
        AppendEntry(text, SystemdLinkKeys.TxChannels, settings.Channels.Tx);
        AppendEntry(text, SystemdLinkKeys.OtherChannels, settings.Channels.Other);
        AppendEntry(text, SystemdLinkKeys.CombinedChannels, settings.Channels.Combined);
        AppendOthers(text, settings, LinkSection);

        foreach (var section in settings.OtherEntries.Select(e => e.Section).Where(s => s is not MatchSection and not LinkSection).Distinct())
        {
            text.Append("\n[").Append(section).Append("]\n");
            AppendOthers(text, settings, section);
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads <c>.link</c> text back into settings. Keys dscoffload does not manage are kept in
    /// <see cref="SystemdLinkSettings.OtherEntries"/>; a later duplicate key wins, as in systemd.
    /// </summary>
    /// <exception cref="DscOffloadException">Malformed lines or values (InvalidInput, with file:line:column).</exception>
    public static SystemdLinkSettings Parse(string text, string filePath)
    {
        string? section = null;
        string? permanentAddress = null, originalName = null, name = null;
        uint? rx = null, tx = null, other = null, combined = null;
        var switches = new Dictionary<string, bool>(StringComparer.Ordinal);
        var others = new List<SystemdLinkEntry>();

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var raw = lines[index];
            var line = raw.Trim();
            var lineNumber = index + 1;
            var column = raw.Length - raw.TrimStart().Length + 1;
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.Length < 3)
                {
                    throw Error(filePath, lineNumber, column, $"'{line}' is not a section header like [Match] or [Link]");
                }

                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Error(filePath, lineNumber, column, $"'{line}' is not a key=value line");
            }

            if (section is null)
            {
                throw Error(filePath, lineNumber, column, $"'{line}' comes before any section; start with [Match]");
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            var valueColumn = column + equals + 1 + (line[(equals + 1)..].Length - line[(equals + 1)..].TrimStart().Length);
            var at = new SourceLocation(filePath, lineNumber, valueColumn);
            switch (section, key)
            {
                case (MatchSection, SystemdLinkKeys.PermanentMacAddress):
                    permanentAddress = value;
                    break;
                case (MatchSection, SystemdLinkKeys.OriginalName):
                    originalName = value;
                    break;
                case (LinkSection, SystemdLinkKeys.Name):
                    name = value;
                    break;
                case (LinkSection, SystemdLinkKeys.RxChannels):
                    rx = ParseCount(key, value, at);
                    break;
                case (LinkSection, SystemdLinkKeys.TxChannels):
                    tx = ParseCount(key, value, at);
                    break;
                case (LinkSection, SystemdLinkKeys.OtherChannels):
                    other = ParseCount(key, value, at);
                    break;
                case (LinkSection, SystemdLinkKeys.CombinedChannels):
                    combined = ParseCount(key, value, at);
                    break;
                case (LinkSection, _) when SystemdLinkKeys.ByKey(key) is not null:
                    switches[key] = ParseBoolean(key, value, at);
                    break;
                default:
                    others.RemoveAll(e => e.Section == section && e.Key == key);
                    others.Add(new SystemdLinkEntry(section, key, value));
                    break;
            }
        }

        return new SystemdLinkSettings
        {
            MatchPermanentAddress = permanentAddress,
            MatchOriginalName = originalName,
            Name = name,
            FeatureSwitches = switches,
            Channels = new SystemdLinkChannels(rx, tx, other, combined),
            OtherEntries = others,
        };
    }

    /// <summary>The settings in the interface's file, or null when there is no file.</summary>
    /// <exception cref="DscOffloadException">The file is malformed (InvalidInput) or unreadable.</exception>
    public SystemdLinkSettings? TryRead(string interfaceName)
    {
        var path = PathFor(interfaceName);
        return SearchPath.Files.ReadOrNull(path) is { } text ? Parse(text, path) : null;
    }

    /// <summary>
    /// Writes the interface's file atomically: a temporary file in the same directory (not named
    /// <c>*.link</c>, so udev never reads it half-written) is flushed to disk and renamed over the target.
    /// Readers see either the old or the new file, never a mix. Returns the path.
    /// </summary>
    /// <exception cref="DscOffloadException">No permission (ElevationRequired) or an I/O failure (Unexpected).</exception>
    public string Write(string interfaceName, SystemdLinkSettings settings)
    {
        var path = PathFor(interfaceName);
        RefuseIfRecorded(path);
        var temporary = Path.Combine(Directory, $".{FileNameFor(interfaceName)}.{Guid.NewGuid():N}.tmp");
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(settings));
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            TryDelete(temporary);
            throw WriteFailure(path, e);
        }
    }

    /// <summary>
    /// Checks, before anything changes, that the interface's file can be written: creates the directory if needed and
    /// a probe file where the temporary file of <see cref="Write"/> would go (deleted again), so that a set does not
    /// change the kernel and only then find that it cannot persist the change.
    /// </summary>
    /// <exception cref="DscOffloadException">No permission (ElevationRequired) or the directory is unusable (Unexpected).</exception>
    public void EnsureWritable(string interfaceName)
    {
        var path = PathFor(interfaceName);
        RefuseIfRecorded(path);
        if (System.IO.Directory.Exists(path))
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"{path} is a directory, not a file");
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var probe = Path.Combine(Directory, $".{FileNameFor(interfaceName)}.{Guid.NewGuid():N}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw WriteFailure(path, e);
        }
    }

    // A recorded host's files are a copy in the snapshot: the path names a file of another machine, never one of this one.
    private void RefuseIfRecorded(string path)
    {
        if (SearchPath.Files.IsRecorded)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed, $"{path} belongs to a recorded host, which is read-only; use --what-if to preview changes");
        }
    }

    // Permission denied as root (an immutable file, a read-only mount) is not a matter of running with sudo.
    private static DscOffloadException WriteFailure(string path, Exception e) => e is UnauthorizedAccessException && !Environment.IsPrivilegedProcess
        ? new DscOffloadException(ErrorKind.ElevationRequired, $"writing {path} needs root")
        : new DscOffloadException(ErrorKind.Unexpected, $"writing {path} failed: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Best effort: a leftover *.tmp file is never read by udev.
        }
    }

    private static void AppendEntry(StringBuilder text, string key, string? value)
    {
        if (value is not null)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }
    }

    private static void AppendEntry(StringBuilder text, string key, uint? value) =>
        AppendEntry(text, key, value?.ToString(CultureInfo.InvariantCulture));

    private static void AppendOthers(StringBuilder text, SystemdLinkSettings settings, string section)
    {
        foreach (var entry in settings.OtherEntries.Where(e => e.Section == section))
        {
            AppendEntry(text, entry.Key, entry.Value);
        }
    }

    private static bool ParseBoolean(string key, string value, SourceLocation at) => value.ToLowerInvariant() switch
    {
        "1" or "yes" or "y" or "true" or "t" or "on" => true,
        "0" or "no" or "n" or "false" or "f" or "off" => false,
        _ => throw new DscOffloadException(ErrorKind.InvalidInput,
            $"{key}= takes a boolean (true, false, yes, no, on, off, 1, 0), not '{value}'", at),
    };

    private static uint ParseCount(string key, string value, SourceLocation at) =>
        uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new DscOffloadException(ErrorKind.InvalidInput, $"{key}= takes a count from 1 to {uint.MaxValue}, not '{value}'", at);

    private static DscOffloadException Error(string filePath, int line, int column, string message) =>
        new(ErrorKind.InvalidInput, message, new SourceLocation(filePath, line, column));
}
