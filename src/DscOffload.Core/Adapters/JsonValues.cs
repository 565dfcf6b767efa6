using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>Value equality for settings: numbers compare by value, strings ordinally.</summary>
internal static class JsonValues
{
    /// <summary>True if the two values are the same setting value.</summary>
    public static bool Same(JToken? a, JToken? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is JValue va && b is JValue vb)
        {
            if (va.Type is JTokenType.Integer or JTokenType.Float && vb.Type is JTokenType.Integer or JTokenType.Float)
            {
                return Convert.ToDecimal(va.Value, System.Globalization.CultureInfo.InvariantCulture)
                    == Convert.ToDecimal(vb.Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            return va.Type == vb.Type && Equals(va.Value, vb.Value);
        }

        return JToken.DeepEquals(a, b);
    }

    /// <summary>A value as messages quote it; a setting the adapter lacks reads as <c>absent</c>.</summary>
    internal static string Show(JToken? value) => value is null ? "absent" : JsonText.Compact(value);
}
