namespace DscOffload.Linux.Persistence;

/// <summary>
/// How one interface's netplan file of dscoffload's compares with what <c>persist: Netplan</c> wants, remembered
/// between comparing and applying so that set writes exactly what test compared.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Id">The id of the netplan definition the keys are merged into; null when none applies to the interface.</param>
/// <param name="Keys">The offload keys the file sets, netplan key → value.</param>
/// <param name="Text">The file content to write; null when there is no definition to write for.</param>
/// <param name="Differences">What the file on disk says differently; empty when it is already right.</param>
/// <param name="Blockers">Why the file would not be what netplan uses for the interface (each with file and line); empty when
/// nothing stands in the way.</param>
internal sealed record NetplanFileState(string Path, string? Id, IReadOnlyList<KeyValuePair<string, bool>> Keys, string? Text,
    IReadOnlyList<string> Differences, IReadOnlyList<LinkFileFinding> Blockers)
{
    /// <summary>True when the file already says what is desired and nothing else wins over it.</summary>
    public bool IsPersisted => Differences.Count == 0 && Blockers.Count == 0;
}
