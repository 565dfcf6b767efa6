namespace DscOffload.Core.Documents;

/// <summary>
/// The identity of an instance: its type (compared case-insensitively, as DSC does) and its name
/// (compared exactly), as one dictionary key.
/// </summary>
internal static class InstanceKeys
{
    public static string Of(string type, string name) => string.Concat(type.ToLowerInvariant(), "/", name);

    /// <summary>
    /// The key of a <c>Type:name</c> (dsc's <c>resourceId()</c>) or <c>Type/Name</c> reference (what <c>resourceId</c> produces), or null when the text has
    /// no second <c>/</c>. A type contains exactly one <c>/</c>, so the name starts after the second.
    /// </summary>
    public static string? OfReference(string reference)
    {
        // dsc's resourceId() gives Type:url-encoded-name; a type has no ':' of its own.
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && reference.AsSpan(0, colon).Count('/') == 1)
        {
            try
            {
                return Of(reference[..colon], Uri.UnescapeDataString(reference[(colon + 1)..]));
            }
            catch (UriFormatException)
            {
                return null;
            }
        }

        var first = reference.IndexOf('/', StringComparison.Ordinal);
        if (first < 0)
        {
            return null;
        }

        var second = reference.IndexOf('/', first + 1);
        return second < 0 ? null : Of(reference[..second], reference[(second + 1)..]);
    }
}
