namespace DscOffload.Core.Safety;

/// <summary>The owner and the DACL entries of a file or directory as Windows reports them.</summary>
/// <param name="OwnerSid">The owner's SID.</param>
/// <param name="Entries">Every access entry, explicit and inherited, in order.</param>
internal sealed record WindowsSecurityFacts(string OwnerSid, IReadOnlyList<WindowsAccessEntry> Entries);
