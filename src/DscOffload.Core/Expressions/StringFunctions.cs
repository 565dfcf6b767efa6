using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>String functions: concat, format, toLower, toUpper, trim, startsWith, endsWith, substring, string, join, json, path, uniqueString.</summary>
internal static class StringFunctions
{
    public static JToken Invoke(FunctionCall call)
    {
        var args = call.Args;
        return call.Name switch
        {
            "concat" => Concat(call),
            "format" => new JValue(FormatString.Apply(call)),
            "toLower" => new JValue(call.Text(0).ToLowerInvariant()),
            "toUpper" => new JValue(call.Text(0).ToUpperInvariant()),
            "trim" => new JValue(call.Text(0).Trim()),
            "startsWith" => new JValue(call.Text(0).StartsWith(call.Text(1), StringComparison.Ordinal)),
            "endsWith" => new JValue(call.Text(0).EndsWith(call.Text(1), StringComparison.Ordinal)),
            "substring" => Substring(call),
            "string" => new JValue(FunctionCall.Stringify(args[0])),
            "join" => Join(call),
            "json" => Json(call),
            "path" => new JValue(Path.Combine(args.Select(a => (string)a!).ToArray())),
            _ => new JValue(UniqueString.Of(string.Join("-", args.Select(a => (string)a!)))),
        };
    }

    private static JToken Concat(FunctionCall call)
    {
        if (call.Args[0] is JArray)
        {
            var result = new JArray();
            for (var i = 0; i < call.Args.Length; i++)
            {
                if (call.Args[i] is not JArray next)
                {
                    throw Mixed(call, i);
                }

                foreach (var item in next)
                {
                    result.Add(item.DeepClone());
                }

                if (result.Count > ExpressionLimits.MaxArrayItems)
                {
                    break;
                }
            }

            return result;
        }

        var text = new StringBuilder();
        for (var i = 0; i < call.Args.Length; i++)
        {
            if (call.Args[i].Type != JTokenType.String)
            {
                throw Mixed(call, i);
            }

            text.Append((string)call.Args[i]!);
            if (text.Length > ExpressionLimits.MaxStringLength)
            {
                break;
            }
        }

        return new JValue(text.ToString());
    }

    private static Diagnostics.DscOffloadException Mixed(FunctionCall call, int index) =>
        call.Fail($"arguments must be all strings or all arrays; argument 1 is {FunctionCall.Describe(call.Args[0])} but argument {index + 1} is {FunctionCall.Describe(call.Args[index])}");

    private static JValue Substring(FunctionCall call)
    {
        var text = call.Text(0);
        var start = call.Integer(1);
        var length = FunctionCall.RuneCount(text);
        if (start < 0)
        {
            throw call.Fail($"the start index must not be negative; got {start}");
        }

        if (start > length)
        {
            throw call.Fail($"the start index {start} is beyond the end of the string ({length} characters)");
        }

        var count = call.Args.Length == 3 ? call.Integer(2) : length - start;
        if (count < 0)
        {
            throw call.Fail($"the length must not be negative; got {count}");
        }

        return count > length - start
            ? throw call.Fail($"start {start} + length {count} is beyond the end of the string ({length} characters)")
            : new JValue(FunctionCall.Runes(text, start, count));
    }

    private static JValue Join(FunctionCall call)
    {
        var parts = new List<string>();
        foreach (var item in (JArray)call.Args[0])
        {
            parts.Add(item.Type switch
            {
                JTokenType.Array or JTokenType.Object => throw call.Fail($"can join only strings, numbers, booleans and null; the array holds {FunctionCall.Describe(item)}"),
                _ => FunctionCall.Stringify(item),
            });
        }

        return new JValue(string.Join(call.Text(1), parts));
    }

    private static JToken Json(FunctionCall call)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(call.Text(0))) { MaxDepth = ExpressionLimits.MaxJsonDepth, DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
            var value = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                throw call.Fail("invalid JSON: text after the value");
            }

            return value;
        }
        catch (JsonException e)
        {
            throw call.Fail($"invalid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
