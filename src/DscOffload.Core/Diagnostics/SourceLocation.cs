namespace DscOffload.Core.Diagnostics;

/// <summary>
/// A position in a source file (document, parameters file, snapshot or protocol input), 1-based.
/// Kept on every parsed node so that an error found late (during validation or evaluation)
/// still points the operator at the exact line and column that caused it.
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The conventional <c>file:line:column</c> form that editors and CI systems link.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
