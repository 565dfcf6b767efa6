using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Safety;

/// <summary>The spelling of <see cref="JournalStatus"/> in journal files and output (camelCase, as DSC spells values).</summary>
internal static class JournalStatusNames
{
    /// <summary>The name written to files.</summary>
    public static string Name(JournalStatus status) => status switch
    {
        JournalStatus.Pending => "pending",
        JournalStatus.Applied => "applied",
        JournalStatus.Partial => "partial",
        JournalStatus.Failed => "failed",
        _ => "rolledBack",
    };

    /// <summary>Reads a name written by <see cref="Name"/>.</summary>
    public static JournalStatus Parse(string? name) => name switch
    {
        "pending" => JournalStatus.Pending,
        "applied" => JournalStatus.Applied,
        "partial" => JournalStatus.Partial,
        "failed" => JournalStatus.Failed,
        "rolledBack" => JournalStatus.RolledBack,
        _ => throw new DscOffloadException(ErrorKind.InvalidInput, $"unknown journal status '{name}'; known: pending, applied, partial, failed, rolledBack"),
    };
}
