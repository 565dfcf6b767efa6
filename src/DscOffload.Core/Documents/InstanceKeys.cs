namespace DscOffload.Core.Documents;

/// <summary>
/// The identity of an instance: its type (compared case-insensitively, as DSC does) and its name
/// (compared exactly), as one dictionary key.
/// </summary>
internal static class InstanceKeys
{
    public static string Of(string type, string name) => string.Concat(type.ToLowerInvariant(), "/", name);

    /// <summary>
    /// The key of a <c>Type/Name</c> reference (what <c>resourceId</c> produces), or null when the text has
    /// no second <c>/</c>. A type contains exactly one <c>/</c>, so the name starts after the second.
    /// </summary>
    public static string? OfReference(string reference)
    {
        var first = reference.IndexOf('/', StringComparison.Ordinal);
        if (first < 0)
        {
            return null;
        }

        var second = reference.IndexOf('/', first + 1);
        return second < 0 ? null : Of(reference[..second], reference[(second + 1)..]);
    }
}
