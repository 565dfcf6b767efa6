using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// dsc's <c>format()</c>: <c>{}</c> takes the next argument, <c>{n}</c> argument n, <c>{{</c> and <c>}}</c> are braces, and
/// <c>{n:spec}</c> takes <c>[[fill]align][+][#][0][width][x|X|b|o|e|E]</c>. Arguments are strings, integers and booleans.
/// </summary>
internal static class FormatString
{
    public static string Apply(FunctionCall call)
    {
        var format = call.Text(0);
        var result = new StringBuilder();
        var next = 1;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '}' )
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    result.Append('}');
                    i++;
                    continue;
                }

                throw call.Fail($"invalid format string: unmatched '}}' at character {i + 1}");
            }

            if (c != '{')
            {
                result.Append(c);
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                result.Append('{');
                i++;
                continue;
            }

            var close = format.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw call.Fail($"invalid format string: '{{' at character {i + 1} is never closed");
            }

            var placeholder = format[(i + 1)..close];
            var colon = placeholder.IndexOf(':', StringComparison.Ordinal);
            var position = colon < 0 ? placeholder : placeholder[..colon];
            var index = position.Length == 0 ? next++ : int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n + 1 : throw call.Fail($"invalid format string: '{{{placeholder}}}' is not a placeholder");
            if (index >= call.Args.Length)
            {
                throw call.Fail($"invalid format string: '{{{placeholder}}}' asks for argument {index - 1}, but only {call.Args.Length - 1} follow the format");
            }

            result.Append(Render(call, call.Args[index], colon < 0 ? string.Empty : placeholder[(colon + 1)..]));
            if (result.Length > ExpressionLimits.MaxStringLength)
            {
                break;
            }

            i = close;
        }

        return result.ToString();
    }

    private static string Render(FunctionCall call, JToken value, string spec)
    {
        var pos = 0;
        char fill = ' ', align = '\0';
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^')
        {
            (fill, align, pos) = (spec[0], spec[1], 2);
        }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^')
        {
            (align, pos) = (spec[0], 1);
        }

        var plus = pos < spec.Length && spec[pos] == '+' && ++pos > 0;
        var alternate = pos < spec.Length && spec[pos] == '#' && ++pos > 0;
        var zero = pos < spec.Length && spec[pos] == '0' && ++pos > 0;
        var widthStart = pos;
        while (pos < spec.Length && char.IsAsciiDigit(spec[pos]))
        {
            pos++;
        }

        var width = 0;
        var widthFits = pos == widthStart || int.TryParse(spec.AsSpan(widthStart, pos - widthStart), NumberStyles.None, CultureInfo.InvariantCulture, out width);
        var type = pos < spec.Length ? spec[pos++] : '\0';
        if (pos != spec.Length || !widthFits || width > ExpressionLimits.MaxStringLength)
        {
            throw call.Fail($"invalid format string: unsupported format specification ':{spec}'");
        }

        var text = Text(call, value, type, alternate, plus);
        if (text.Length >= width)
        {
            return text;
        }

        if (zero && align == '\0' && FunctionCall.IntegerOf(value) is not null)
        {
            var sign = text.StartsWith('-') || text.StartsWith('+') ? text[..1] : string.Empty;
            var prefix = alternate && type != '\0' ? text.Substring(sign.Length, 2) : string.Empty;
            var digits = text[(sign.Length + prefix.Length)..];
            return sign + prefix + digits.PadLeft(width - sign.Length - prefix.Length, '0');
        }

        var padding = width - text.Length;
        align = align == '\0' ? (value.Type == JTokenType.Integer ? '>' : '<') : align;
        return align switch
        {
            '<' => text + new string(fill, padding),
            '>' => new string(fill, padding) + text,
            _ => new string(fill, padding / 2) + text + new string(fill, padding - (padding / 2)),
        };
    }

    private static string Text(FunctionCall call, JToken value, char type, bool alternate, bool plus)
    {
        if (value.Type is JTokenType.String or JTokenType.Boolean)
        {
            return type == '\0' ? FunctionCall.Stringify(value) : throw call.Fail($"invalid format string: ':{type}' applies only to integers");
        }

        var n = FunctionCall.IntegerOf(value) ?? throw call.Fail($"accepts strings, integers and booleans to format, not {FunctionCall.Describe(value)}");
        var magnitude = n < 0 ? (ulong)(-(n + 1)) + 1 : (ulong)n;
        var sign = n < 0 ? "-" : plus ? "+" : string.Empty;
        var digits = type switch
        {
            '\0' => magnitude.ToString(CultureInfo.InvariantCulture),
            'x' => (alternate ? "0x" : string.Empty) + magnitude.ToString("x", CultureInfo.InvariantCulture),
            'X' => (alternate ? "0x" : string.Empty) + magnitude.ToString("X", CultureInfo.InvariantCulture),
            'b' => (alternate ? "0b" : string.Empty) + Convert.ToString((long)magnitude, 2),
            'o' => (alternate ? "0o" : string.Empty) + Convert.ToString((long)magnitude, 8),
            'e' => magnitude.ToString("0.######e0", CultureInfo.InvariantCulture),
            'E' => magnitude.ToString("0.######E0", CultureInfo.InvariantCulture),
            _ => throw call.Fail($"invalid format string: unknown format type '{type}'"),
        };
        return sign + digits;
    }
}
