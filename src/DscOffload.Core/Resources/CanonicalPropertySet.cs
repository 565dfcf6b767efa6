namespace DscOffload.Core.Resources;

/// <summary>
/// The DSC canonical (underscore) properties that DscOffload resources emit. dsc validates resource
/// output against the embedded schema, so every one of them must be declared there.
/// </summary>
public static class CanonicalPropertySet
{
    /// <summary>The set every DscOffload type declares.</summary>
    public static IReadOnlyList<PropertyDescriptor> Standard { get; } =
    [
        new() { Name = "_name", Type = PropertyType.String, IsReadOnly = true,
                Description = "Exact instance name, emitted by export; dsc turns it into the instance name." },
        new() { Name = "_inDesiredState", Type = PropertyType.Boolean, IsReadOnly = true, CanBeNull = true,
                Description = "Emitted by test: whether every matched adapter is in the desired state." },
        new() { Name = "_restartRequired", Type = PropertyType.ObjectArray, IsReadOnly = true,
                Description = "Restarts needed before a change takes effect, as {\"system\": \"<host>\"} items." },
        new() { Name = "_metadata", Type = PropertyType.Object,
                Description = "DSC metadata: passed through from the document, and carries what-if messages." },
    ];
}
