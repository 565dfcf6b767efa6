using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// A file a change was about to write, with its content before the change (<c>null</c>: it did not exist), as
/// saved in a journal entry under <c>metadata.DscOffload.files</c>. Restoring writes that content back, or
/// deletes the file when it did not exist.
/// </summary>
/// <remarks>
/// Only dscoffload's own persistence files are accepted (absolute paths whose name is
/// <c>10-dscoffload-*.link</c>): a journal entry is applied as root, and it must not become a way to make
/// <c>rollback</c> write or delete any other file.
/// </remarks>
public sealed record JournaledFile(string Path, string? PreviousContent)
{
    private const string NamePrefix = "10-dscoffload-";
    private const string NameSuffix = ".link";

    /// <summary>True when the file did not exist before the change (restoring deletes it).</summary>
    public bool DidNotExist => PreviousContent is null;

    /// <summary>True for the names of files dscoffload writes and may restore: <c>10-dscoffload-*.link</c>.</summary>
    public static bool IsRestorableName(string fileName) =>
        fileName.Length > NamePrefix.Length + NameSuffix.Length
        && fileName.StartsWith(NamePrefix, StringComparison.Ordinal)
        && fileName.EndsWith(NameSuffix, StringComparison.Ordinal)
        && fileName.IndexOfAny(['/', '\\', '\0']) < 0;

    /// <summary>Reads <paramref name="path"/> as it is now.</summary>
    /// <exception cref="DscOffloadException">The path is not restorable (Unexpected: a resource bug) or unreadable.</exception>
    public static JournaledFile Capture(string path)
    {
        var why = WhyNotRestorable(path);
        if (why is not null)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"cannot journal {path}: {why}");
        }

        return new JournaledFile(path, Read(path));
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
        return why is null
            ? new JournaledFile(text, content.Type == JTokenType.Null ? null : content.Value<string>())
            : throw new DscOffloadException(ErrorKind.InvalidInput, $"journal file entry '{text}' is refused: {why}", path.Location());
    }

    /// <summary>The item written to <c>metadata.DscOffload.files</c>.</summary>
    public JObject ToJson() => new() { ["path"] = Path, ["content"] = PreviousContent is null ? JValue.CreateNull() : PreviousContent };

    /// <summary>True when the file is already as it was before the change, so restoring changes nothing.</summary>
    public bool IsCurrent() => Read(Path) == PreviousContent;

    /// <summary>
    /// Puts the file back: writes the saved text durably (a new file with mode 0644 less the umask, as udev's files
    /// are) or deletes the file.
    /// Returns what was done, for messages.
    /// </summary>
    /// <exception cref="DscOffloadException">No permission (ElevationRequired) or an I/O failure (Unexpected).</exception>
    public string Restore()
    {
        _ = Read(Path);
        try
        {
            if (PreviousContent is null)
            {
                File.Delete(Path);
                return $"deleted {Path} (it did not exist before the change)";
            }

            DurableFile.Write(Path, PreviousContent,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return $"restored {Path} to its content before the change";
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
        : !IsRestorableName(System.IO.Path.GetFileName(path)) ? $"only dscoffload's own {NamePrefix}*{NameSuffix} files are restored"
        : null;

    // A link planted where dscoffload's file belongs would make a capture copy its target and a restore write
    // through it; only regular files (or nothing) are read and replaced.
    private static string? Read(string path) =>
        new FileInfo(path).LinkTarget is { } target
            ? throw new DscOffloadException(ErrorKind.NotAllowed, $"{path} is a symbolic link (to {target}); dscoffload only saves and restores regular files")
            : HostTextFile.ReadOrNull(path);
}
