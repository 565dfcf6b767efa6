using System.Globalization;
using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;

namespace DscOffload.Core.Documents;

/// <summary>
/// Gives a YAML scalar its JSON value by the YAML 1.2 core schema: plain scalars may be null, booleans,
/// integers (decimal, <c>0x</c>, <c>0o</c>) or floats; quoted and block scalars are always strings.
/// Explicit standard tags (<c>!!str</c>, <c>!!int</c>, …) are honoured. Hand-written matching: this runs
/// for every scalar at start-up.
/// </summary>
internal static class YamlScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>The tags a scalar may carry, for the error message.</summary>
    private const string SupportedScalarTags = "!!str, !!int, !!float, !!bool, !!null, !";

    public static JValue Resolve(string value, ScalarStyle style, TagName tag, SourceLocation at)
    {
        if (tag.IsEmpty)
        {
            return style is ScalarStyle.Plain or ScalarStyle.Any ? ResolvePlain(value, at) : new JValue(value);
        }

        var name = tag.Value;
        if (name == "!")
        {
            return new JValue(value);
        }

        if (name.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            switch (name.AsSpan(TagPrefix.Length))
            {
                case "str":
                    return new JValue(value);
                case "int":
                    return TryInteger(value, at) ?? throw NotA("an integer", value, at);
                case "float":
                    return (TryInteger(value, at) is { } i ? new JValue((double)(long)i.Value!) : null)
                        ?? TryFloat(value, at)
                        ?? throw NotA("a float", value, at);
                case "bool":
                    return TryBoolean(value) ?? throw NotA("a boolean", value, at);
                case "null":
                    return IsNull(value) ? JValue.CreateNull() : throw NotA("null", value, at);
            }
        }

        throw new DscOffloadException(
            ErrorKind.InvalidInput,
            $"unsupported tag '{name}' on a scalar; supported: {SupportedScalarTags}",
            at);
    }

    private static JValue ResolvePlain(string value, SourceLocation at)
    {
        if (value.Length == 0)
        {
            return JValue.CreateNull();
        }

        // Most scalars are words; only these first characters can start a non-string.
        var first = value[0];
        if (!(char.IsAsciiDigit(first) || first is '-' or '+' or '.' or '~' or 'n' or 'N' or 't' or 'T' or 'f' or 'F'))
        {
            return new JValue(value);
        }

        if (IsNull(value))
        {
            return JValue.CreateNull();
        }

        return TryBoolean(value) ?? TryInteger(value, at) ?? TryFloat(value, at) ?? new JValue(value);
    }

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private static JValue? TryBoolean(string value) => value switch
    {
        "true" or "True" or "TRUE" => new JValue(true),
        "false" or "False" or "FALSE" => new JValue(false),
        _ => null,
    };

    private static JValue? TryInteger(string value, SourceLocation at)
    {
        var span = value.AsSpan();
        if (span.Length > 2 && span[0] == '0' && (span[1] == 'x' || span[1] == 'o'))
        {
            var digits = span[2..];
            var hex = span[1] == 'x';
            foreach (var c in digits)
            {
                if (!(hex ? char.IsAsciiHexDigit(c) : c is >= '0' and <= '7'))
                {
                    return null;
                }
            }

            ulong result = 0;
            foreach (var c in digits)
            {
                var digit = (ulong)(char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
                var shift = hex ? 4 : 3;
                if (result > (ulong)long.MaxValue >> shift)
                {
                    throw TooLarge(value, at);
                }

                result = (result << shift) | digit;
            }

            return result > long.MaxValue ? throw TooLarge(value, at) : new JValue((long)result);
        }

        var start = span[0] is '-' or '+' ? 1 : 0;
        if (start == span.Length)
        {
            return null;
        }

        for (var i = start; i < span.Length; i++)
        {
            if (!char.IsAsciiDigit(span[i]))
            {
                return null;
            }
        }

        return long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? new JValue(number)
            : throw TooLarge(value, at);
    }

    /// <summary><c>[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?</c> and the infinities/NaN.</summary>
    private static JValue? TryFloat(string value, SourceLocation at)
    {
        var span = value.AsSpan();
        var i = span.Length > 0 && span[0] is '-' or '+' ? 1 : 0;
        var rest = span[i..];
        if (rest is ".inf" or ".Inf" or ".INF" || span is ".nan" or ".NaN" or ".NAN")
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"'{value}' is not a finite number and cannot be represented in JSON; quote it to use it as a string",
                at);
        }

        var intDigits = CountDigits(span, ref i);
        var fractionDigits = 0;
        if (i < span.Length && span[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(span, ref i);
            if (intDigits == 0 && fractionDigits == 0)
            {
                return null;
            }
        }
        else if (intDigits == 0)
        {
            return null;
        }

        if (i < span.Length && span[i] is 'e' or 'E')
        {
            i++;
            if (i < span.Length && span[i] is '-' or '+')
            {
                i++;
            }

            if (CountDigits(span, ref i) == 0)
            {
                return null;
            }
        }

        if (i != span.Length)
        {
            return null;
        }

        var number = double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? new JValue(number) : throw TooLarge(value, at);
    }

    private static int CountDigits(ReadOnlySpan<char> span, ref int i)
    {
        var start = i;
        while (i < span.Length && char.IsAsciiDigit(span[i]))
        {
            i++;
        }

        return i - start;
    }

    private static DscOffloadException TooLarge(string value, SourceLocation at) =>
        new(ErrorKind.InvalidInput, $"number too large: {value} does not fit in a 64-bit number", at);

    private static DscOffloadException NotA(string what, string value, SourceLocation at) =>
        new(ErrorKind.InvalidInput, $"'{value}' is tagged as {what} but is not one", at);
}
