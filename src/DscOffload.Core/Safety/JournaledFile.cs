using System.Globalization;
using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// A file a change was about to write, with its content before the change (<c>null</c>: it did not exist), as
/// saved in a journal entry under <c>metadata.DscOffload.files</c>. Restoring writes that content back, or
/// deletes the file when it did not exist. The content is restored byte for byte (text that is not UTF-8, or starts
/// with a byte order mark, is saved as base64) and, where they were saved, with the mode, owner and group it had.
/// </summary>
/// <remarks>
/// Only the persistence files a set may touch are accepted, an explicit allow-list of absolute paths: whose name is
/// <c>10-dscoffload-*.link</c> (dscoffload's own systemd files), <c>90-dscoffload-*.yaml</c> directly in a directory named
/// <c>netplan</c> (dscoffload's own netplan files), or <c>*.nmconnection</c> directly in a directory named
/// <c>system-connections</c> (NetworkManager keyfile profiles that <c>persist: NetworkManager</c> edits). A journal entry
/// is applied as root, and it must not become a way to make <c>rollback</c> write or delete any other file.
/// </remarks>
public sealed record JournaledFile(string Path, string? PreviousContent)
{
    private const string NamePrefix = "10-dscoffload-";
    private const string NameSuffix = ".link";
    private const string ProfileSuffix = ".nmconnection";
    private const string ProfileDirectory = "system-connections";
    private const string NetplanPrefix = "90-dscoffload-";
    private const string NetplanSuffix = ".yaml";
    private const string NetplanDirectory = "netplan";
    private const string Base64 = "base64";
    private const UnixFileMode DefaultMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary><c>base64</c> when <see cref="PreviousContent"/> holds the bytes in base64; null when it is the UTF-8 text itself.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The file's permission bits before the change; null when not saved (restoring then uses 0644).</summary>
    public UnixFileMode? PreviousMode { get; init; }

    /// <summary>The file's owner (uid) before the change; null when not saved (restoring then leaves the restorer as owner).</summary>
    public uint? PreviousOwner { get; init; }

    /// <summary>The file's group (gid) before the change; null when not saved.</summary>
    public uint? PreviousGroup { get; init; }

    /// <summary>True when the file did not exist before the change (restoring deletes it).</summary>
    public bool DidNotExist => PreviousContent is null;

    /// <summary>
    /// True for the names of files dscoffload writes and may restore: <c>10-dscoffload-*.link</c>, <c>90-dscoffload-*.yaml</c>
    /// (accepted only in a <c>netplan</c> directory) and NetworkManager's <c>*.nmconnection</c> profiles (accepted only in a
    /// <c>system-connections</c> directory).
    /// </summary>
    public static bool IsRestorableName(string fileName) => KindOf(fileName) is not null;

    /// <summary>The kind of restorable file <paramref name="fileName"/> names, or null when it is none of them.</summary>
    internal static RestorableFileKind? KindOf(string fileName) =>
        fileName.IndexOfAny(['/', '\\', '\0']) >= 0 ? null
        : HasName(fileName, NamePrefix, NameSuffix) ? RestorableFileKind.SystemdLink
        : HasName(fileName, NetplanPrefix, NetplanSuffix) ? RestorableFileKind.Netplan
        : IsProfileName(fileName) ? RestorableFileKind.NetworkManagerProfile
        : null;

    // A leading dot would be a temporary file of a writer, which NetworkManager does not load.
    private static bool IsProfileName(string fileName) =>
        fileName.Length > ProfileSuffix.Length && fileName[0] != '.' && fileName.EndsWith(ProfileSuffix, StringComparison.Ordinal);

    private static bool HasName(string fileName, string prefix, string suffix) =>
        fileName.Length > prefix.Length + suffix.Length
        && fileName.StartsWith(prefix, StringComparison.Ordinal)
        && fileName.EndsWith(suffix, StringComparison.Ordinal);

    /// <summary>Reads <paramref name="path"/> as it is now.</summary>
    /// <exception cref="DscOffloadException">The path is not restorable (Unexpected: a resource bug) or unreadable.</exception>
    public static JournaledFile Capture(string path)
    {
        var why = WhyNotRestorable(path);
        if (why is not null)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"cannot journal {path}: {why}");
        }

        var bytes = ReadBytes(path);
        if (bytes is null)
        {
            return new JournaledFile(path, null);
        }

        var text = AsText(bytes);
        var owner = OperatingSystem.IsWindows() ? null : UnixFileCalls.OwnerOf(path);
        return new JournaledFile(path, text ?? Convert.ToBase64String(bytes))
        {
            ContentEncoding = text is null ? Base64 : null,
            PreviousMode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path),
            PreviousOwner = owner?.Owner,
            PreviousGroup = owner?.Group,
        };
    }

    /// <summary>Reads a <c>metadata.DscOffload.files</c> item.</summary>
    /// <exception cref="DscOffloadException">The item is malformed or names a file rollback must not touch (InvalidInput).</exception>
    public static JournaledFile FromJson(JToken item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is not JObject { } value || value["path"] is not { Type: JTokenType.String } path
            || value["content"] is not { Type: JTokenType.String or JTokenType.Null } content)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                "a journal file entry needs a string 'path' and a 'content' that is a string or null", item.Location());
        }

        var text = path.Value<string>()!;
        var why = WhyNotRestorable(text);
        if (why is not null)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"journal file entry '{text}' is refused: {why}", path.Location());
        }

        var encoding = value["encoding"] switch
        {
            null => null,
            { Type: JTokenType.String } e when e.Value<string>() == Base64 && content.Type == JTokenType.String && IsBase64(content.Value<string>()!) => Base64,
            var e => throw new DscOffloadException(ErrorKind.InvalidInput,
                "a journal file entry's 'encoding' is 'base64' with base64 'content', or absent", e.Location()),
        };
        return new JournaledFile(text, content.Type == JTokenType.Null ? null : content.Value<string>())
        {
            ContentEncoding = encoding,
            PreviousMode = value["mode"] is { } mode ? (UnixFileMode)ParseNumber(mode, "mode", 8, 0xFFF) : null,
            PreviousOwner = value["uid"] is { } uid ? ParseNumber(uid, "uid", 10, uint.MaxValue - 1) : null,
            PreviousGroup = value["gid"] is { } gid ? ParseNumber(gid, "gid", 10, uint.MaxValue - 1) : null,
        };
    }

    /// <summary>The item written to <c>metadata.DscOffload.files</c>.</summary>
    public JObject ToJson()
    {
        var item = new JObject { ["path"] = Path, ["content"] = PreviousContent is null ? JValue.CreateNull() : PreviousContent };
        if (ContentEncoding is not null)
        {
            item["encoding"] = ContentEncoding;
        }

        if (PreviousMode is { } mode)
        {
            item["mode"] = Convert.ToString((int)mode, 8).PadLeft(4, '0');
        }

        if (PreviousOwner is { } owner)
        {
            item["uid"] = owner;
        }

        if (PreviousGroup is { } group)
        {
            item["gid"] = group;
        }

        return item;
    }

    /// <summary>The bytes the file had before the change; null when it did not exist.</summary>
    public byte[]? PreviousBytes() =>
        PreviousContent is null ? null : ContentEncoding == Base64 ? Convert.FromBase64String(PreviousContent) : Encoding.UTF8.GetBytes(PreviousContent);

    /// <summary>True when the file is already as it was before the change (content, and mode and owner where saved), so restoring changes nothing.</summary>
    public bool IsCurrent()
    {
        var now = ReadBytes(Path);
        var before = PreviousBytes();
        if (now is null || before is null)
        {
            return now is null && before is null;
        }

        if (!now.AsSpan().SequenceEqual(before) || OperatingSystem.IsWindows())
        {
            return now.AsSpan().SequenceEqual(before);
        }

        var owner = UnixFileCalls.OwnerOf(Path);
        return (PreviousMode is null || File.GetUnixFileMode(Path) == PreviousMode)
            && (PreviousOwner is null || owner?.Owner == PreviousOwner)
            && (PreviousGroup is null || owner?.Group == PreviousGroup);
    }

    /// <summary>
    /// Puts the file back: writes the saved text durably (a new file with mode 0644 less the umask, as udev's files
    /// are) or deletes the file.
    /// Returns what was done, for messages.
    /// </summary>
    /// <exception cref="DscOffloadException">No permission (ElevationRequired) or an I/O failure (Unexpected).</exception>
    public string Restore()
    {
        _ = ReadBytes(Path);
        try
        {
            if (PreviousBytes() is not { } bytes)
            {
                File.Delete(Path);
                return $"deleted {Path} (it did not exist before the change)";
            }

            DurableFile.Write(Path, bytes, PreviousMode ?? DefaultMode, SetOwner);
            return PreviousMode is null
                ? $"restored {Path} to its content before the change"
                : $"restored {Path} to its content, mode{(PreviousOwner is null ? "" : " and owner")} before the change";
        }
        catch (UnauthorizedAccessException)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired, $"restoring {Path} needs root");
        }
        catch (IOException e)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"restoring {Path} failed: {e.Message}");
        }
    }

    private static string? WhyNotRestorable(string path) =>
        !System.IO.Path.IsPathFullyQualified(path) ? "not an absolute path"
        : System.IO.Path.GetFullPath(path) != path ? "not a normalized path (no '.', '..' or repeated separators)"
        : KindOf(System.IO.Path.GetFileName(path)) is not { } kind ? RestorableFiles
        : kind == RestorableFileKind.NetworkManagerProfile && ParentName(path) != ProfileDirectory ? RestorableFiles
        : kind == RestorableFileKind.Netplan && ParentName(path) != NetplanDirectory ? RestorableFiles
        : null;

    private const string RestorableFiles =
        $"only dscoffload's own {NamePrefix}*{NameSuffix} and {NetplanDirectory}/{NetplanPrefix}*{NetplanSuffix} files and NetworkManager's {ProfileDirectory}/*{ProfileSuffix} profiles are restored";

    private static string ParentName(string path) => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) ?? string.Empty;

    // A link planted where dscoffload's file belongs would make a capture copy its target and a restore write
    // through it; only regular files (or nothing) are read and replaced.
    private static byte[]? ReadBytes(string path)
    {
        if (new FileInfo(path).LinkTarget is { } target)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed, $"{path} is a symbolic link (to {target}); dscoffload only saves and restores regular files");
        }

        return HostTextFile.ReadBytesOrNull(path);
    }

    // Text that decodes strictly and has no byte order mark survives as a JSON string; anything else goes as base64.
    private static string? AsText(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static uint ParseNumber(JToken token, string name, int radix, uint max)
    {
        var ok = token.Type switch
        {
            JTokenType.Integer when radix == 10 && token.Value<long>() is >= 0 and var n && n <= max => true,
            JTokenType.String when radix == 8 && token.Value<string>() is { Length: > 0 and <= 6 } t && t.All(c => c is >= '0' and <= '7')
                && Convert.ToUInt32(t, 8) <= max => true,
            _ => false,
        };
        return ok
            ? radix == 10 ? (uint)token.Value<long>() : Convert.ToUInt32(token.Value<string>(), 8)
            : throw new DscOffloadException(ErrorKind.InvalidInput,
                radix == 8 ? $"a journal file entry's '{name}' is an octal string such as \"0644\"" : $"a journal file entry's '{name}' is a number from 0 to {max}",
                token.Location());
    }

    private void SetOwner(string temporary)
    {
        if (PreviousOwner is not { } owner || OperatingSystem.IsWindows())
        {
            return;
        }

        var errno = UnixFileCalls.ChangeOwner(temporary, owner, PreviousGroup ?? uint.MaxValue);
        if (errno != 0)
        {
            throw new UnauthorizedAccessException($"setting the owner of {Path} to {owner.ToString(CultureInfo.InvariantCulture)} failed (errno {errno})");
        }
    }
}
