using DscOffload.Core.Resources;

namespace DscOffload.Packaging.PowerShell;

/// <summary>One property of a PowerShell wrapper class, derived from a resource property descriptor.</summary>
/// <param name="Name">The property name, exactly as in the DSC v3 resource (camelCase).</param>
/// <param name="Kind">How the value is typed in PowerShell and the MOF.</param>
/// <param name="Role">Key, configurable or read-only.</param>
/// <param name="AllowedValues">Enum values, rendered as <c>[ValidateSet(...)]</c>; empty when free.</param>
/// <param name="Description">What the property means (a comment in the generated class).</param>
/// <param name="Source">The descriptor property, or null for the synthetic single-instance key.</param>
public sealed record WrapperProperty(
    string Name,
    WrapperValueKind Kind,
    WrapperPropertyRole Role,
    IReadOnlyList<string> AllowedValues,
    string Description,
    PropertyDescriptor? Source)
{
    /// <summary>The kind that carries a descriptor property type.</summary>
    public static WrapperValueKind KindOf(PropertyType type) => type switch
    {
        PropertyType.String or PropertyType.Enum => WrapperValueKind.String,
        PropertyType.Boolean => WrapperValueKind.Boolean,
        PropertyType.Integer => WrapperValueKind.Integer,
        PropertyType.StringArray => WrapperValueKind.StringArray,
        _ => WrapperValueKind.JsonText,
    };

    /// <summary>The PowerShell type literal of the property.</summary>
    public string PowerShellType => Kind switch
    {
        WrapperValueKind.Boolean => "[Nullable[bool]]",
        WrapperValueKind.Integer => "[Nullable[long]]",
        WrapperValueKind.StringArray => "[string[]]",
        _ => "[string]",
    };
}
