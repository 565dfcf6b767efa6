namespace DscOffload.Core.Documents;

/// <summary>
/// Hard limits on what the document layer reads. Documents and parameters files come from operators
/// but also from generated or untrusted sources; the limits keep a hostile or broken file from
/// costing more than a fraction of a second or a few tens of MiB, and every violation is reported
/// as an <see cref="Diagnostics.ErrorKind.InvalidInput"/> error that names the limit.
/// </summary>
internal static class InputLimits
{
    /// <summary>
    /// Largest input, in UTF-8 bytes (8 MiB). Real configuration documents are a few KiB; anything this
    /// large is a mistake (a wrong file) or an attack.
    /// </summary>
    public const int MaxInputBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Deepest nesting of mappings/objects and sequences/arrays (64). The root container is at depth 1.
    /// Keeps recursive consumers far from stack exhaustion.
    /// </summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Longest scalar, string or mapping key, in UTF-16 characters (1 Mi).</summary>
    public const int MaxScalarLength = 1024 * 1024;

    /// <summary>
    /// Most nodes (scalars, containers) a document may produce after YAML aliases are expanded
    /// (1,000,000). Counted before and while aliases are expanded, so that an alias bomb
    /// ("billion laughs") is rejected without building it.
    /// </summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Most resource instances in one configuration document or recorded host (10,000).</summary>
    public const int MaxResources = 10_000;
}
