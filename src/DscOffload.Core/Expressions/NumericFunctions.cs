using System.Globalization;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>Integer functions: add, sub, mul, div, mod, max, min, int, range. Overflow is an error, never a wrapped value.</summary>
internal static class NumericFunctions
{
    public static JToken Invoke(FunctionCall call)
    {
        switch (call.Name)
        {
            case "max":
            case "min":
                return Extreme(call);
            case "int":
                return Int(call);
            case "range":
                return Range(call);
        }

        var (a, b) = (call.Integer(0), call.Integer(1));
        try
        {
            return new JValue(call.Name switch
            {
                "add" => checked(a + b),
                "sub" => checked(a - b),
                "mul" => checked(a * b),
                "div" => b == 0 ? throw call.Fail("cannot divide by zero") : checked(a / b),
                _ => b == 0 ? throw call.Fail("cannot divide by zero") : a % b,
            });
        }
        catch (OverflowException)
        {
            throw call.Fail($"the result of {a} and {b} does not fit in a 64-bit integer (integer overflow)");
        }
    }

    private static JValue Extreme(FunctionCall call)
    {
        IEnumerable<JToken> values = call.Args.Length == 1 && call.Args[0] is JArray array ? array : call.Args;
        long? best = null;
        foreach (var value in values)
        {
            var n = FunctionCall.IntegerOf(value) ?? throw call.Fail($"accepts only integers, not {FunctionCall.Describe(value)}");
            best = best is null ? n : call.Name == "max" ? Math.Max(best.Value, n) : Math.Min(best.Value, n);
        }

        return best is { } result ? new JValue(result) : throw call.Fail("the array is empty");
    }

    private static JValue Int(FunctionCall call)
    {
        var value = call.Args[0];
        if (value.Type != JTokenType.String)
        {
            return new JValue(call.Integer(0));
        }

        // dsc reads the text as a floating-point number and truncates it towards zero.
        if (!double.TryParse((string)value!, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number) || double.IsInfinity(number))
        {
            throw call.Fail($"'{value}' is not a number");
        }

        var truncated = Math.Truncate(number);
        return truncated is >= long.MinValue and < 9.2233720368547758E+18
            ? new JValue((long)truncated)
            : throw call.Fail($"'{value}' does not fit in a 64-bit integer (integer overflow)");
    }

    private static JArray Range(FunctionCall call)
    {
        var (start, count) = (call.Integer(0), call.Integer(1));
        if (count < 0)
        {
            throw call.Fail($"the count must not be negative; got {count}");
        }

        if (count > ExpressionLimits.MaxArrayItems)
        {
            throw call.Fail($"the count {count} is more than {ExpressionLimits.MaxArrayItems:N0} (ExpressionLimits.MaxArrayItems)");
        }

        if (start > int.MaxValue - count)
        {
            throw call.Fail($"start + count ({start} + {count}) is more than {int.MaxValue} (integer overflow)");
        }

        var result = new JArray();
        for (var i = 0L; i < count; i++)
        {
            result.Add(start + i);
        }

        return result;
    }
}
