using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Safety;

/// <summary>
/// The one directory whose files a live set may write and a rollback may put back (on Linux, the <c>.link</c>
/// directory of the host), and the environment variable that moves it. The platform that writes the files says
/// where they are; the rollback only checks journal entries against it, so it needs no platform types.
/// </summary>
/// <param name="Path">The directory the files of a change live in on this host.</param>
/// <param name="OverrideVariable">The environment variable that points changes at another directory.</param>
public sealed record RestorableFileDirectory(string Path, string OverrideVariable)
{
    /// <summary>Further directories a live set may write files to (on Linux, netplan's <c>etc/netplan</c>); none by default.</summary>
    public IReadOnlyList<string> OtherPaths { get; init; } = [];

    /// <summary>
    /// Refuses <paramref name="entry"/> when it names a file outside <see cref="Path"/>: the journal only accepts
    /// dscoffload's own file names, and this also pins them to this directory, so an entry cannot point a root
    /// rollback at another one.
    /// </summary>
    /// <exception cref="DscOffloadException">A file of the entry lies elsewhere (<see cref="ErrorKind.NotAllowed"/>).</exception>
    public void RequireHolds(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var directory = System.IO.Path.TrimEndingDirectorySeparator(Path);
        var allowed = OtherPaths.Select(System.IO.Path.TrimEndingDirectorySeparator).Append(directory).ToHashSet(StringComparer.Ordinal);
        var outside = entry.Files.FirstOrDefault(f => !allowed.Contains(System.IO.Path.GetDirectoryName(f.Path) ?? string.Empty));
        if (outside is not null)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed,
                $"journal entry {entry.Id} names {outside.Path}, which is not in the .link directory {directory}{string.Concat(OtherPaths.Select(p => $" or {p}"))}; it is not applied " +
                $"(set {OverrideVariable} to the directory the change wrote to)");
        }
    }
}
