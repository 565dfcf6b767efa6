using System.Security.Cryptography;
using System.Text;

namespace DscOffload.Core.Safety;

/// <summary>
/// Writes a file so that a crash or power loss leaves either the old content or the complete new content,
/// never a torn file: write a temporary file in the same directory, flush it to disk, rename it over the
/// target (atomic within one file system), then flush the directory entry where the platform allows it.
/// </summary>
internal static class DurableFile
{
    /// <summary>The suffix of temporary files; a crash can leave one behind, and the journal sweeps them.</summary>
    public const string TemporarySuffix = ".tmp";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8, no BOM), durably, readable by the owner only.</summary>
    public static void Write(string path, string text) => Write(path, text, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> durably; on Unix the file gets <paramref name="mode"/>.</summary>
    public static void Write(string path, string text, UnixFileMode mode) => Write(path, Utf8.GetBytes(text), mode, prepare: null);

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="bytes"/> durably; on Unix the file gets exactly
    /// <paramref name="mode"/> (not reduced by the umask). <paramref name="prepare"/> runs on the temporary file before
    /// it is renamed into place (to set its owner, for example), so the file never appears with other attributes.
    /// </summary>
    public static void Write(string path, byte[] bytes, UnixFileMode mode, Action<string>? prepare)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{TemporarySuffix}");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, mode);
            }

            prepare?.Invoke(temporary);

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileCalls.SyncDirectory(directory);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is what matters; a leftover temporary file is swept later.
        }
    }
}
