using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>
/// One property of a resource type. The descriptor is the single source of truth: the JSON Schema,
/// input validation, the manifest and the documentation are all generated from it.
/// </summary>
public sealed class PropertyDescriptor
{
    /// <summary>The camelCase property name.</summary>
    public required string Name { get; init; }

    /// <summary>The JSON shape.</summary>
    public required PropertyType Type { get; init; }

    /// <summary>What the property means, for schemas and docs.</summary>
    public string Description { get; init; } = "";

    /// <summary>Allowed values for <see cref="PropertyType.Enum"/> and for the items of a <see cref="PropertyType.StringArray"/>, in documented order.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>Members of an <see cref="PropertyType.Object"/> property.</summary>
    public IReadOnlyList<PropertyDescriptor> Members { get; init; } = [];

    /// <summary>True for the key property that identifies an instance.</summary>
    public bool IsKey { get; init; }

    /// <summary>True for properties the resource reports but never reads from input.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>True when the resource may report <c>null</c> (for example a registry value that does not exist).</summary>
    public bool CanBeNull { get; init; }

    /// <summary>The value assumed when the property is absent, if any (documentation and schema only).</summary>
    public JToken? Default { get; init; }

    /// <summary>Smallest allowed integer.</summary>
    public long? Minimum { get; init; }

    /// <summary>Largest allowed integer.</summary>
    public long? Maximum { get; init; }

    /// <summary>Finds a member of an object property by exact name.</summary>
    public PropertyDescriptor? Member(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }
}
