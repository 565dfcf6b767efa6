namespace DscOffload.Reporting.Drift;

/// <summary>
/// The one place that names drift rules, used as SARIF <c>ruleId</c> and as the Azure issue <c>code</c>:
/// <c>DSCO-</c> + the resource type's name (the part after <c>/</c>) + <c>-</c> + the property path, e.g.
/// <c>DSCO-NetAdapterOffload-lsoIPv4</c> or <c>DSCO-GlobalOffload-tcpipParameters.enableRSS</c>. Ids depend only
/// on type and property, never on host or value, so code-scanning alerts stay the same alert across runs.
/// A failed instance is <c>DSCO-&lt;TypeName&gt;-failed</c>. The Windows and Linux adapter types share the name
/// <c>NetAdapterOffload</c>; their property sets do not overlap (Linux has only <c>features.*</c> and
/// <c>channels.*</c>), so the ids stay one per type and property.
/// </summary>
internal static class DriftRuleId
{
    /// <summary>What every dscoffload rule id starts with.</summary>
    public const string Prefix = "DSCO-";

    /// <summary>The rule for a drifted property of a resource type.</summary>
    public static string ForProperty(string resourceType, string propertyPath)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(propertyPath);
        return string.Concat(Prefix, TypeName(resourceType), "-", propertyPath);
    }

    /// <summary>The rule for an instance of a resource type that could not be evaluated.</summary>
    public static string ForFailure(string resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return string.Concat(Prefix, TypeName(resourceType), "-failed");
    }

    private static ReadOnlySpan<char> TypeName(string resourceType)
    {
        var slash = resourceType.LastIndexOf('/');
        return slash >= 0 ? resourceType.AsSpan(slash + 1) : resourceType.AsSpan();
    }
}
