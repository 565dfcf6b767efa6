namespace DscOffload.Core.Engine;

/// <summary>The change-journal entry a live set wrote (<c>metadata.DscOffload.journal</c>): how to roll the change back.</summary>
/// <param name="Id">The entry's id (<c>dscoffload rollback --id</c>).</param>
/// <param name="File">The entry's file.</param>
/// <param name="Status">The entry's status name once the set ended.</param>
public sealed record JournalReference(string Id, string File, string Status);
