using System.Buffers;
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

    /// <summary>
    /// Appends the text of <paramref name="token"/> to <paramref name="text"/>; false (with part of it appended) when the
    /// tree holds a token this writer leaves to Newtonsoft.
    /// </summary>
    public static bool TryAppend(JToken token, StringBuilder text) => TryWrite(token, text);

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
                AppendQuoted(property.Name, text);
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
                AppendQuoted(s, text);
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

    // Every character the loop below escapes.
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u0085\u2028\u2029");

    /// <summary>Appends a string as Newtonsoft writes it (<c>null</c> for a null string).</summary>
    public static void AppendString(string? value, StringBuilder text)
    {
        if (value is null)
        {
            text.Append("null");
            return;
        }

        AppendQuoted(value, text);
    }

    // Newtonsoft's default escaping: the two-character escapes, \uXXXX (lower-case hex) for the other control
    // characters and for U+0085, U+2028 and U+2029; everything else as it is.
    private static void AppendQuoted(string value, StringBuilder text)
    {
        text.Append('"');
        var first = value.AsSpan().IndexOfAny(Escaped);
        if (first < 0)
        {
            // Nearly every string of an envelope: nothing to escape.
            text.Append(value).Append('"');
            return;
        }

        var start = 0;
        for (var i = first; i < value.Length; i++)
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
