using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// One entry of a configuration document's <c>resources</c> array as written: shape-checked, with
/// expressions not yet evaluated. <see cref="ConfigurationResolver"/> turns it into a
/// <see cref="ResolvedInstance"/>.
/// </summary>
public sealed class ResourceInstance
{
    internal ResourceInstance(
        int index,
        string name,
        string type,
        JObject properties,
        IReadOnlyList<JToken> dependsOn,
        JObject? metadata,
        JObject raw,
        SourceLocation location,
        SourceLocation typeLocation,
        SourceLocation nameLocation)
    {
        Index = index;
        Name = name;
        Type = type;
        Properties = properties;
        DependsOn = dependsOn;
        Metadata = metadata;
        Raw = raw;
        Location = location;
        TypeLocation = typeLocation;
        NameLocation = nameLocation;
    }

    /// <summary>The instance name, unique among instances of the same type.</summary>
    public string Name { get; }

    /// <summary>The fully qualified resource type, <c>Owner[.Group[.Area[.Subarea]]]/Name</c>, as written.</summary>
    public string Type { get; }

    /// <summary>The <c>properties</c> map as written (located; an empty object when absent).</summary>
    public JObject Properties { get; }

    /// <summary>The <c>dependsOn</c> entries as written (located strings, usually <c>[resourceId(…)]</c>).</summary>
    public IReadOnlyList<JToken> DependsOn { get; }

    /// <summary>The instance <c>metadata</c> map, or null when absent.</summary>
    public JObject? Metadata { get; }

    /// <summary>The whole instance object as written, for the keys this type does not interpret (<c>condition</c>, <c>directives</c>, …).</summary>
    public JObject Raw { get; }

    /// <summary>Where the instance starts in the document.</summary>
    public SourceLocation Location { get; }

    /// <summary>Where the <c>type</c> value is.</summary>
    public SourceLocation TypeLocation { get; }

    /// <summary>Where the <c>name</c> value is.</summary>
    public SourceLocation NameLocation { get; }

    /// <summary>The same instance under its evaluated name (an expression, or one iteration of a copy loop).</summary>
    internal ResourceInstance WithName(string name, int index) => name == Name && index == Index ? this :
        new(index, name, Type, Properties, DependsOn, Metadata, Raw, Location, TypeLocation, NameLocation);

    /// <summary>Position in the document's <c>resources</c> array.</summary>
    internal int Index { get; }
}
