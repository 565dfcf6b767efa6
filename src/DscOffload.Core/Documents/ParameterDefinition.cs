using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// One entry of a configuration document's <c>parameters</c> section, already checked for shape
/// (known keys, valid <c>type</c>, numeric limits that are integers). Binding a value to it and
/// enforcing the constraints happens in <see cref="ConfigurationResolver"/>.
/// </summary>
public sealed class ParameterDefinition
{
    internal ParameterDefinition(
        string name,
        ParameterType type,
        JToken? defaultValue,
        IReadOnlyList<JToken>? allowedValues,
        long? minValue,
        long? maxValue,
        long? minLength,
        long? maxLength,
        string? description,
        SourceLocation location)
    {
        Name = name;
        Type = type;
        DefaultValue = defaultValue;
        AllowedValues = allowedValues;
        MinValue = minValue;
        MaxValue = maxValue;
        MinLength = minLength;
        MaxLength = maxLength;
        Description = description;
        Location = location;
    }

    /// <summary>The name used by <c>[parameters('name')]</c> and in parameters files.</summary>
    public string Name { get; }

    /// <summary>The declared type; a bound value must have this JSON type.</summary>
    public ParameterType Type { get; }

    /// <summary>True for <c>secureString</c> and <c>secureObject</c>: the value must not be echoed.</summary>
    public bool IsSecure => Type is ParameterType.SecureString or ParameterType.SecureObject;

    /// <summary>The value used when no parameters file supplies one (located); null when there is none.</summary>
    public JToken? DefaultValue { get; }

    /// <summary>When present, the value must deep-equal one of these.</summary>
    public IReadOnlyList<JToken>? AllowedValues { get; }

    /// <summary>Smallest allowed value of an <c>int</c> parameter.</summary>
    public long? MinValue { get; }

    /// <summary>Largest allowed value of an <c>int</c> parameter.</summary>
    public long? MaxValue { get; }

    /// <summary>Shortest allowed length of a string or array parameter.</summary>
    public long? MinLength { get; }

    /// <summary>Longest allowed length of a string or array parameter.</summary>
    public long? MaxLength { get; }

    /// <summary>Free text for people; not interpreted.</summary>
    public string? Description { get; }

    /// <summary>Where the parameter is declared (its name in the document).</summary>
    public SourceLocation Location { get; }
}
