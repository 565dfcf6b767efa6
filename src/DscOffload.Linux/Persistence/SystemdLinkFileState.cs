
namespace DscOffload.Linux.Persistence;

/// <summary>
/// How one interface's <c>.link</c> file compares with what <c>persist: SystemdLink</c> wants, remembered
/// between comparing and applying so that set writes exactly what test compared.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Wanted">The settings the file should hold (entries dscoffload does not manage are kept).</param>
/// <param name="Differences">What the file on disk says differently; empty when it is already right.</param>
internal sealed record SystemdLinkFileState(string Path, SystemdLinkSettings Wanted, IReadOnlyList<string> Differences)
{
    /// <summary>True when the file already says what is desired.</summary>
    public bool IsPersisted => Differences.Count == 0;
}
