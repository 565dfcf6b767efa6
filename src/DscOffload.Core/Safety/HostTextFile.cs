using System.Text;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Safety;

/// <summary>
/// Reading a host's configuration file (a systemd <c>.link</c> file, for example) the way every caller needs it:
/// a missing file is an answer (<c>null</c>), not an error; no permission means the command needs root.
/// </summary>
internal static class HostTextFile
{
    /// <summary>The file as UTF-8 text, or null when it (or its directory) does not exist.</summary>
    /// <exception cref="DscOffloadException">No permission (ElevationRequired) or an I/O failure (Unexpected).</exception>
    public static string? ReadOrNull(string path) => Read(path, stream =>
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The file's bytes exactly, or null when it (or its directory) does not exist; opened once.</summary>
    /// <exception cref="DscOffloadException">No permission (ElevationRequired) or an I/O failure (Unexpected).</exception>
    public static byte[]? ReadBytesOrNull(string path) => Read(path, stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static T? Read<T>(string path, Func<FileStream, T> read)
        where T : class
    {
        try
        {
            // Sharing write and delete lets a writer replace the file (rename over it) while it is being read.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return read(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"{path} is a directory, not a file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired, $"reading {path} needs root");
        }
        catch (IOException e)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"reading {path} failed: {e.Message}");
        }
    }
}
