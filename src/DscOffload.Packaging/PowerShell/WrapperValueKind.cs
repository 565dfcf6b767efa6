
namespace DscOffload.Packaging.PowerShell;

/// <summary>
/// How a DscOffload property is carried in the PowerShell (PSDSC) wrapper class and in the MOF.
/// Scalars keep their type; anything object-shaped (fixed objects, maps, arrays of objects) travels as
/// compact JSON text, so the MOF needs no embedded instances and round-trips the document value exactly.
/// </summary>
public enum WrapperValueKind
{
    /// <summary>A string or enum value: <c>[string]</c>, MOF string.</summary>
    String,

    /// <summary>A boolean: <c>[Nullable[bool]]</c> (null = not declared, leave alone), MOF boolean.</summary>
    Boolean,

    /// <summary>An integer: <c>[Nullable[long]]</c>, MOF sint64.</summary>
    Integer,

    /// <summary>An array of strings: <c>[string[]]</c>, MOF string array.</summary>
    StringArray,

    /// <summary>An object, map or array of objects as compact JSON text: <c>[string]</c>, MOF string.</summary>
    JsonText,
}
