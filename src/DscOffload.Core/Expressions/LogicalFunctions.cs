using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>Logical and comparison functions: and, or, not, if, true, false, bool, equals, greater…, coalesce, null.</summary>
internal static class LogicalFunctions
{
    public static JToken Invoke(FunctionCall call)
    {
        var args = call.Args;
        switch (call.Name)
        {
            case "and":
                return new JValue(args.All(a => (bool)a));
            case "or":
                return new JValue(args.Any(a => (bool)a));
            case "not":
                return new JValue(!(bool)args[0]);
            case "if":
                return (bool)args[0] ? args[1] : args[2];
            case "true":
                return new JValue(true);
            case "false":
                return new JValue(false);
            case "null":
                return JValue.CreateNull();
            case "bool":
                return Bool(call);
            case "equals":
                return new JValue(JToken.DeepEquals(args[0], args[1]));
            case "coalesce":
                return args.FirstOrDefault(a => a.Type != JTokenType.Null) ?? JValue.CreateNull();
            default:
                return Compare(call);
        }
    }

    private static JValue Bool(FunctionCall call)
    {
        var value = call.Args[0];
        if (value.Type == JTokenType.String)
        {
            return ((string)value!).ToLowerInvariant() switch
            {
                "true" => new JValue(true),
                "false" => new JValue(false),
                _ => throw call.Fail($"'{value}' is not 'true' or 'false'"),
            };
        }

        return new JValue(call.Integer(0) != 0);
    }

    private static JValue Compare(FunctionCall call)
    {
        int order;
        if (FunctionCall.IntegerOf(call.Args[0]) is { } a && FunctionCall.IntegerOf(call.Args[1]) is { } b)
        {
            order = a.CompareTo(b);
        }
        else if (call.Args[0].Type == JTokenType.String && call.Args[1].Type == JTokenType.String)
        {
            // dsc compares strings by their UTF-8 bytes; ordinal UTF-16 order agrees outside surrogate pairs.
            order = string.CompareOrdinal((string)call.Args[0]!, (string)call.Args[1]!);
        }
        else
        {
            throw call.Fail($"both arguments must be integers or both strings; got {FunctionCall.Describe(call.Args[0])} and {FunctionCall.Describe(call.Args[1])}");
        }

        return new JValue(call.Name switch
        {
            "greater" => order > 0,
            "greaterOrEquals" => order >= 0,
            "less" => order < 0,
            _ => order <= 0,
        });
    }
}
