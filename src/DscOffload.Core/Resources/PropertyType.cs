namespace DscOffload.Core.Resources;

/// <summary>The JSON shape of a resource property, as declared in its descriptor.</summary>
public enum PropertyType
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A JSON integer (within <see cref="PropertyDescriptor.Minimum"/>..<see cref="PropertyDescriptor.Maximum"/>).</summary>
    Integer,

    /// <summary>A string from <see cref="PropertyDescriptor.AllowedValues"/>.</summary>
    Enum,

    /// <summary>An object with the fixed members in <see cref="PropertyDescriptor.Members"/>.</summary>
    Object,

    /// <summary>An object whose keys are free (feature names) and whose values are booleans.</summary>
    BooleanMap,

    /// <summary>An object whose keys are free (registry keywords) and whose values are strings.</summary>
    StringMap,

    /// <summary>An array of strings.</summary>
    StringArray,

    /// <summary>An array of objects (read-only detail such as <c>adapters</c>).</summary>
    ObjectArray,

    /// <summary>Any JSON value (the echo type's <c>output</c>).</summary>
    Any,
}
