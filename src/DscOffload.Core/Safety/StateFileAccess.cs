namespace DscOffload.Core.Safety;

/// <summary>
/// Who owns a path in the state directory and who other than the trusted accounts (root or this process's user
/// on Unix; SYSTEM, Administrators or this process's user on Windows) may write it.
/// </summary>
/// <param name="Owner">The owner as the platform names it (a uid, a SID).</param>
/// <param name="OwnerTrusted">Whether the owner is one of the trusted accounts.</param>
/// <param name="OtherWriters">Everyone else who may write, change or delete it (empty when nobody).</param>
internal sealed record StateFileAccess(string Owner, bool OwnerTrusted, IReadOnlyList<string> OtherWriters)
{
    /// <summary>True when only trusted accounts own and may write the path.</summary>
    public bool IsTrusted => OwnerTrusted && OtherWriters.Count == 0;
}
