using DscOffload.Core.Diagnostics;
using DscOffload.Core.Safety;

namespace DscOffload.Linux.Persistence;

/// <summary><see cref="NetworkConfigFiles"/> over the running host's file system.</summary>
internal sealed class LiveNetworkConfigFiles : NetworkConfigFiles
{
    /// <inheritdoc />
    public override bool IsRecorded => false;

    /// <inheritdoc />
    /// <exception cref="DscOffloadException">No permission to list it (ElevationRequired, as for a file it may not read) or an I/O failure (Unexpected).</exception>
    public override IReadOnlyList<string> FilesIn(string directory, string suffix)
    {
        try
        {
            return Directory.Exists(directory)
                ? [.. Directory.EnumerateFiles(directory).Where(f => f.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (UnauthorizedAccessException)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired, $"listing {directory} needs root");
        }
        catch (IOException e)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"listing {directory} failed: {e.Message}");
        }
    }

    /// <inheritdoc />
    public override string? ReadOrNull(string path) => IsMasked(path) ? null : HostTextFile.ReadOrNull(path);

    /// <inheritdoc />
    public override bool IsMasked(string path) => new FileInfo(path).LinkTarget == "/dev/null";

    /// <inheritdoc />
    /// <remarks>Every component is followed, not only the last: <c>/lib/systemd/network</c> is itself no link when <c>/lib</c> is one.</remarks>
    public override string? Identity(string directory) => Directory.Exists(directory) ? Resolved(Path.GetFullPath(directory)) : null;

    private static string Resolved(string path)
    {
        var parent = Path.GetDirectoryName(path);
        var here = parent is null ? path : Path.Combine(Resolved(parent), Path.GetFileName(path));
        var target = new DirectoryInfo(here).ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? here : Resolved(target.FullName);
    }
}
