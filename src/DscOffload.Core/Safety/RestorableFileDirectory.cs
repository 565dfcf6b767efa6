using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Safety;

/// <summary>
/// A directory whose files a live set may write and a rollback may put back (on Linux, the <c>.link</c> directory
/// of the host, netplan's <c>etc/netplan</c> and NetworkManager's keyfile directory), and the environment variable that
/// moves it. The platform that writes the files says where they are; the rollback only checks journal entries against
/// it, so it needs no platform types.
/// </summary>
/// <param name="Path">The directory the files of a change live in on this host.</param>
/// <param name="OverrideVariable">The environment variable that points changes at another directory.</param>
public sealed record RestorableFileDirectory(string Path, string OverrideVariable)
{
    /// <summary>The one kind of file this directory holds; null: any restorable name (the <c>.link</c> directory of <see cref="RequireHolds"/>).</summary>
    internal RestorableFileKind? Kind { get; init; }

    /// <summary>
    /// Run by a rollback after it put back the entry's files that are in this directory (their paths), so that what the
    /// platform derives from them matches them again, as after the set that wrote them (netplan's rendered files,
    /// NetworkManager's copy in memory); it tells what it did through the second argument, and throws a
    /// <see cref="DscOffloadException"/> when it could not. Null: nothing derives from these files.
    /// </summary>
    internal Action<IReadOnlyList<string>, Action<string>>? AfterRestore { get; init; }

    /// <summary>
    /// Refuses <paramref name="entry"/> when it names a file outside <see cref="Path"/>: the journal only accepts
    /// dscoffload's own file names, and this also pins them to this directory, so an entry cannot point a root
    /// rollback at another one.
    /// </summary>
    /// <exception cref="DscOffloadException">A file of the entry lies elsewhere (<see cref="ErrorKind.NotAllowed"/>).</exception>
    public void RequireHolds(JournalEntry entry) => RequireHeldByAny(entry, [this]);

    /// <summary>
    /// Refuses <paramref name="entry"/> when one of its files is in none of <paramref name="directories"/> (the first is
    /// the <c>.link</c> directory, the others those of further persistence stores, such as NetworkManager's keyfiles).
    /// </summary>
    /// <exception cref="DscOffloadException">A file of the entry lies elsewhere (<see cref="ErrorKind.NotAllowed"/>).</exception>
    internal static void RequireHeldByAny(JournalEntry entry, IReadOnlyList<RestorableFileDirectory> directories)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(directories);
        var trimmed = directories.Select(d => System.IO.Path.TrimEndingDirectorySeparator(d.Path)).ToList();
        var outside = entry.Files.FirstOrDefault(f => !directories.Any(d => d.Holds(f.Path)));
        if (outside is not null)
        {
            var others = string.Concat(trimmed.Skip(1).Select(d => $" nor in {d}"));
            var variables = string.Join(" or ", directories.Select(d => d.OverrideVariable).Distinct(StringComparer.Ordinal));
            throw new DscOffloadException(ErrorKind.NotAllowed,
                $"journal entry {entry.Id} names {outside.Path}, which is not in the .link directory {trimmed[0]}{others} (each kind of file only in its own); " +
                $"it is not applied (set {variables} to the directory the change wrote to)");
        }
    }

    // The file lies directly in this directory and is of the kind it holds.
    internal bool Holds(string file) =>
        string.Equals(System.IO.Path.GetDirectoryName(file), System.IO.Path.TrimEndingDirectorySeparator(Path), StringComparison.Ordinal)
        && (Kind is null || JournaledFile.KindOf(System.IO.Path.GetFileName(file)) == Kind);
}
