namespace DscOffload.Linux.Persistence;

/// <summary>
/// How one interface's <c>.link</c> file compares with what <c>persist: SystemdLink</c> wants, remembered
/// between comparing and applying so that set writes exactly what test compared.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Wanted">The settings the file should hold (entries dscoffload does not manage and the settings of the
/// file that applied before are kept).</param>
/// <param name="Differences">What the file on disk says differently; empty when it is already right.</param>
/// <param name="Blockers">Why the file would not be the one that applies, or cannot be written without losing someone
/// else's settings (each with file and line); empty when nothing stands in the way.</param>
internal sealed record SystemdLinkFileState(string Path, SystemdLinkSettings Wanted, IReadOnlyList<string> Differences,
    IReadOnlyList<LinkFileFinding> Blockers)
{
    /// <summary>True when the file already says what is desired and is the one udevd will apply.</summary>
    public bool IsPersisted => Differences.Count == 0 && Blockers.Count == 0;
}
