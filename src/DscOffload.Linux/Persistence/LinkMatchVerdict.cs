namespace DscOffload.Linux.Persistence;

/// <summary>Whether a <c>.link</c> file's <c>[Match]</c> section fits a device.</summary>
internal enum LinkMatchVerdict
{
    /// <summary>Every match key fits.</summary>
    Matches,

    /// <summary>At least one match key does not fit, or the file has no match key (udevd ignores such a file).</summary>
    DoesNotMatch,

    /// <summary>No key rules it out, but a key needs a fact dscoffload does not know.</summary>
    Unknown,
}
