using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Json;

/// <summary>
/// Writes the compact text of a token tree made of objects, arrays, strings, 64-bit integers, finite doubles,
/// booleans and nulls exactly as Newtonsoft's <c>ToString(Formatting.None)</c> does, without it: the static
/// initialisation of Newtonsoft's writer (state tables built by reflection over its enums) was a twentieth of
/// a <c>resource test</c> process (docs/performance.md). Any other token makes it give up, and the caller
/// uses Newtonsoft.
/// </summary>
internal static class CompactJsonWriter
{
    /// <summary>The text, or null when the tree holds a token this writer leaves to Newtonsoft.</summary>
    public static string? TryWrite(JToken token)
    {
        var text = new StringBuilder();
        return TryWrite(token, text) ? text.ToString() : null;
    }

    private static bool TryWrite(JToken token, StringBuilder text)
    {
        switch (token)
        {
            case JObject obj:
                text.Append('{');
                var firstProperty = true;
                foreach (var property in obj.Properties())
                {
                    if (!firstProperty)
                    {
                        text.Append(',');
                    }

                    firstProperty = false;
                    if (!TryWrite(property, text))
                    {
                        return false;
                    }
                }

                text.Append('}');
                return true;
            case JArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    if (!TryWrite(array[i], text))
                    {
                        return false;
                    }
                }

                text.Append(']');
                return true;
            case JProperty property:
                AppendString(property.Name, text);
                text.Append(':');
                return TryWrite(property.Value, text);
            case JValue value:
                return TryWrite(value, text);
            default:
                return false;
        }
    }

    private static bool TryWrite(JValue value, StringBuilder text)
    {
        switch (value.Type)
        {
            case JTokenType.Null:
                text.Append("null");
                return true;
            case JTokenType.Boolean when value.Value is bool b:
                text.Append(b ? "true" : "false");
                return true;
            case JTokenType.String when value.Value is string s:
                AppendString(s, text);
                return true;
            case JTokenType.String when value.Value is null:
                text.Append("null");
                return true;
            case JTokenType.Integer when value.Value is long l:
                text.Append(l.ToString(CultureInfo.InvariantCulture));
                return true;
            case JTokenType.Integer when value.Value is int i:
                text.Append(i.ToString(CultureInfo.InvariantCulture));
                return true;
            case JTokenType.Float when value.Value is double d && double.IsFinite(d):
                // Shortest round-trip text, with ".0" added to whole numbers so that they stay floats.
                var number = d.ToString("R", CultureInfo.InvariantCulture);
                text.Append(number);
                if (number.AsSpan().IndexOfAny('.', 'E', 'e') < 0)
                {
                    text.Append(".0");
                }

                return true;
            default:
                return false;
        }
    }

    // Newtonsoft's default escaping: the two-character escapes, \uXXXX (lower-case hex) for the other control
    // characters and for U+0085, U+2028 and U+2029; everything else as it is.
    private static void AppendString(string value, StringBuilder text)
    {
        text.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\f' => "\\f",
                '\b' => "\\b",
                < ' ' or '\u0085' or '\u2028' or '\u2029' => null,
                _ => string.Empty,
            };
            if (escape is { Length: 0 })
            {
                continue;
            }

            text.Append(value, start, i - start);
            if (escape is null)
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(escape);
            }

            start = i + 1;
        }

        text.Append(value, start, value.Length - start);
        text.Append('"');
    }
}
