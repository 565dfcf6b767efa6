using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>
/// Everything that describes a resource type without running it: its DSC type name, version,
/// properties and capabilities. Schemas, manifests and validation are generated from this.
/// </summary>
public sealed class ResourceDescriptor
{
    /// <summary>The fully qualified DSC type name, <c>Owner.Group/Name</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Semantic version of the resource type.</summary>
    public required string Version { get; init; }

    /// <summary>One sentence for <c>dsc resource list</c>.</summary>
    public required string Description { get; init; }

    /// <summary>The operating system family whose live host the type manages (<c>Windows</c> or <c>Linux</c>).</summary>
    public required string Platform { get; init; }

    /// <summary>The properties in documented order.</summary>
    public required IReadOnlyList<PropertyDescriptor> Properties { get; init; }

    /// <summary>Whether <c>set</c> exists (read-only types such as coexistence reports have none).</summary>
    public bool CanSet { get; init; } = true;

    /// <summary>Whether set needs administrator/root rights.</summary>
    public bool SetRequiresElevation { get; init; } = true;

    /// <summary>
    /// For a read-only type (<see cref="CanSet"/> false): whether set exists as an assertion that changes nothing, so
    /// the type can stand in a document applied with <c>config set</c> (see <see cref="SetAssertion"/>).
    /// </summary>
    public bool SetAsserts { get; init; }

    /// <summary>
    /// A rule across properties that a JSON Schema of independent properties cannot express (for example two
    /// properties that set the same underlying value). Given valid input, it returns the problem and the token it
    /// is about, or null. Input validation runs it last, so <c>validate</c> and every operation report it before
    /// anything changes.
    /// </summary>
    public Func<JObject, (string Message, JToken At)?>? CrossPropertyRule { get; init; }

    /// <summary>Canonical DSC properties (<c>_name</c>, <c>_inDesiredState</c>, …) the type accepts or emits.</summary>
    public IReadOnlyList<PropertyDescriptor> CanonicalProperties { get; init; } = CanonicalPropertySet.Standard;

    /// <summary>The short name after the slash, e.g. <c>NetAdapterOffload</c>.</summary>
    public string ShortName => Type[(Type.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Finds a property (own or canonical) by exact name.</summary>
    public PropertyDescriptor? Property(string name)
    {
        foreach (var p in Properties)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        foreach (var p in CanonicalProperties)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The key properties.</summary>
    public IEnumerable<PropertyDescriptor> Keys => Properties.Where(p => p.IsKey);
}
