using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// Array and object functions: array, createArray, createObject, contains, empty, first, last, length, indexOf,
/// lastIndexOf, intersection, union, items, objectKeys, shallowMerge, skip, take, tryGet, tryIndexFromEnd.
/// </summary>
internal static class CollectionFunctions
{
    public static JToken Invoke(FunctionCall call)
    {
        var args = call.Args;
        switch (call.Name)
        {
            case "array":
                return new JArray(args[0].DeepClone());
            case "createArray":
                return new JArray(args.Select(a => a.DeepClone()));
            case "createObject":
                return CreateObject(call);
            case "contains":
                return new JValue(Contains(call));
            case "empty":
                return new JValue(args[0] is JContainer c ? !c.HasValues : ((string)args[0]!).Length == 0);
            case "first":
            case "last":
                return FirstOrLast(call);
            case "length":
                // dsc counts a string's UTF-8 bytes.
                return new JValue(args[0] is JContainer container ? container.Count : System.Text.Encoding.UTF8.GetByteCount((string)args[0]!));
            case "indexOf":
            case "lastIndexOf":
                return IndexOf(call);
            case "intersection":
            case "union":
                return SetOperations.Apply(call);
            case "items":
                return new JArray(((JObject)args[0]).Properties().Select(p => new JObject { ["key"] = p.Name, ["value"] = p.Value.DeepClone() }));
            case "objectKeys":
                return new JArray(((JObject)args[0]).Properties().Select(p => p.Name));
            case "shallowMerge":
                return ShallowMerge(call);
            case "skip":
            case "take":
                return SkipOrTake(call);
            case "tryGet":
                return TryGet(call);
            default:
                return TryIndexFromEnd(call);
        }
    }

    private static JObject CreateObject(FunctionCall call)
    {
        if (call.Args.Length % 2 != 0)
        {
            throw call.Fail("arguments must be key-value pairs (an even number)");
        }

        var result = new JObject();
        for (var i = 0; i < call.Args.Length; i += 2)
        {
            result[call.Args[i].Type == JTokenType.String ? (string)call.Args[i]! : throw call.Fail($"keys must be strings; argument {i + 1} is {FunctionCall.Describe(call.Args[i])}")] = call.Args[i + 1].DeepClone();
        }

        return result;
    }

    private static bool Contains(FunctionCall call)
    {
        var wanted = call.Args[1];
        var text = FunctionCall.Stringify(wanted);
        return call.Args[0] switch
        {
            JArray array => array.Any(item => item.Type == wanted.Type && JToken.DeepEquals(item, wanted)),
            JObject obj => obj.Property(text, StringComparison.Ordinal) is not null,
            var s => ((string)s!).Contains(text, StringComparison.Ordinal),
        };
    }

    private static JToken FirstOrLast(FunctionCall call)
    {
        var first = call.Name == "first";
        if (call.Args[0] is JArray array)
        {
            return array.Count == 0 ? throw call.Fail("the array is empty") : array[first ? 0 : array.Count - 1].DeepClone();
        }

        var text = (string)call.Args[0]!;
        if (text.Length == 0)
        {
            throw call.Fail("the string is empty");
        }

        var runes = text.EnumerateRunes().ToList();
        return new JValue((first ? runes[0] : runes[^1]).ToString());
    }

    private static JValue IndexOf(FunctionCall call)
    {
        var array = (JArray)call.Args[0];
        var forward = call.Name == "indexOf";
        for (var n = 0; n < array.Count; n++)
        {
            var i = forward ? n : array.Count - 1 - n;
            if (JToken.DeepEquals(array[i], call.Args[1]))
            {
                return new JValue(i);
            }
        }

        return new JValue(-1);
    }

    private static JObject ShallowMerge(FunctionCall call)
    {
        var result = new JObject();
        foreach (var item in (JArray)call.Args[0])
        {
            if (item is not JObject obj)
            {
                throw call.Fail($"the array must hold only objects; it holds {FunctionCall.Describe(item)}");
            }

            foreach (var property in obj.Properties())
            {
                result[property.Name] = property.Value.DeepClone();
            }
        }

        return result;
    }

    private static JToken SkipOrTake(FunctionCall call)
    {
        var count = Math.Max(0, call.Integer(1));
        var skip = call.Name == "skip";
        if (call.Args[0] is JArray array)
        {
            var n = (int)Math.Min(count, array.Count);
            return new JArray((skip ? array.Skip(n) : array.Take(n)).Select(t => t.DeepClone()));
        }

        var text = (string)call.Args[0]!;
        var length = FunctionCall.RuneCount(text);
        return new JValue(skip ? FunctionCall.Runes(text, count, length) : FunctionCall.Runes(text, 0, count));
    }

    private static JToken TryGet(FunctionCall call)
    {
        if (call.Args[0] is JObject obj)
        {
            return call.Args[1].Type == JTokenType.String
                ? obj.Property((string)call.Args[1]!, StringComparison.Ordinal)?.Value.DeepClone() ?? JValue.CreateNull()
                : throw call.Fail("the key for an object must be a string");
        }

        var array = (JArray)call.Args[0];
        var index = FunctionCall.IntegerOf(call.Args[1]) ?? throw call.Fail("the index for an array must be an integer");
        return index >= 0 && index < array.Count ? array[(int)index].DeepClone() : JValue.CreateNull();
    }

    private static JToken TryIndexFromEnd(FunctionCall call)
    {
        var array = (JArray)call.Args[0];
        var fromEnd = call.Integer(1);
        return fromEnd >= 1 && fromEnd <= array.Count ? array[array.Count - (int)fromEnd].DeepClone() : JValue.CreateNull();
    }
}
