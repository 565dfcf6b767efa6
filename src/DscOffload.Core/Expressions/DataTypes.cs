using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>dsc's data types (<c>string</c>, <c>secureString</c>, <c>int</c>, <c>bool</c>, <c>object</c>, <c>secureObject</c>, <c>array</c>) checked against values.</summary>
internal static class DataTypes
{
    /// <summary>The type names, for messages.</summary>
    public const string Names = "string, secureString, int, bool, object, secureObject, array";

    /// <summary>True when <paramref name="type"/> is one of dsc's data type names.</summary>
    public static bool IsKnown(string type) => type is "string" or "secureString" or "int" or "bool" or "object" or "secureObject" or "array";

    /// <summary>True when <paramref name="type"/> keeps its value out of every output (<c>secureString</c>, <c>secureObject</c>).</summary>
    public static bool IsSecure(string type) => type is "secureString" or "secureObject";

    /// <summary>True when <paramref name="value"/> is of dsc data type <paramref name="type"/>.</summary>
    public static bool Matches(string type, JToken value) => type switch
    {
        "string" or "secureString" => value.Type == JTokenType.String,
        "int" => value.Type == JTokenType.Integer,
        "bool" => value.Type == JTokenType.Boolean,
        "object" or "secureObject" => value.Type == JTokenType.Object,
        "array" => value.Type == JTokenType.Array,
        _ => false,
    };
}
