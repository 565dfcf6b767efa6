using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// How values and names appear in every human-readable format, so a setting reads the same in the table,
/// the annotations and the summary. Strings stay bare unless they could be mistaken for something else
/// (<c>"true"</c>, <c>"1"</c>, empty, or containing control characters), and nothing a renderer prints can
/// carry a line break: that keeps log lines single and CI command lines unforgeable.
/// </summary>
internal static class DriftValueText
{
    /// <summary>Shown when the host (or the document) has no value at all, as opposed to JSON null.</summary>
    public const string Absent = "(absent)";

    /// <summary>Longest value or label shown; the canonical JSON keeps the full text.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Longest message shown. Messages end with what to do (the rollback command, the property to fix), so they
    /// get far more room than values; only a pathological one is cut.
    /// </summary>
    public const int MaxMessageLength = 4000;

    public static string Format(JToken? value)
    {
        switch (value)
        {
            case null:
                return Absent;
            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                return "null";
            case JValue { Type: JTokenType.Boolean } flag:
                return (bool)flag ? "true" : "false";
            case JValue { Type: JTokenType.String } text:
                return Truncate(NeedsQuotes((string)text!) ? JsonConvert.ToString((string)text!) : (string)text!);
            default:
                return Truncate(value.ToString(Formatting.None));
        }
    }

    /// <summary>A host, instance, adapter or property name: bare, unless it holds control characters.</summary>
    public static string Label(string name) => Truncate(HasControl(name) ? JsonConvert.ToString(name) : name);

    /// <summary>A message: like a label, but cut only beyond <see cref="MaxMessageLength"/>.</summary>
    public static string Message(string text) => Truncate(HasControl(text) ? JsonConvert.ToString(text) : text, MaxMessageLength);

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text[0] == '"')
        {
            return true;
        }

        if (text is "true" or "false" or "null" or "~" || HasControl(text))
        {
            return true;
        }

        var first = text[0];
        return (char.IsAsciiDigit(first) || first is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string text, int maxLength = MaxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
