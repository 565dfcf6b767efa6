using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>union and intersection of arrays (distinct elements, first-seen order) or objects (keys; union: later wins).</summary>
internal static class SetOperations
{
    public static JToken Apply(FunctionCall call)
    {
        var isUnion = call.Name == "union";
        var wantArray = call.Args[0] is JArray;
        foreach (var arg in call.Args)
        {
            if (arg is JArray != wantArray)
            {
                throw call.Fail($"arguments must be all arrays or all objects; got {FunctionCall.Describe(call.Args[0])} and {FunctionCall.Describe(arg)}");
            }
        }

        if (wantArray)
        {
            var result = new JArray();
            var sources = isUnion ? call.Args.SelectMany(a => (JArray)a) : (JArray)call.Args[0];
            foreach (var item in sources)
            {
                var inAll = isUnion || call.Args.Skip(1).All(other => ((JArray)other).Any(o => JToken.DeepEquals(o, item)));
                if (inAll && !result.Any(r => JToken.DeepEquals(r, item)))
                {
                    result.Add(item.DeepClone());
                }
            }

            return result;
        }

        var merged = new JObject();
        if (isUnion)
        {
            foreach (var property in call.Args.SelectMany(a => ((JObject)a).Properties()))
            {
                merged[property.Name] = property.Value.DeepClone();
            }

            return merged;
        }

        foreach (var property in ((JObject)call.Args[0]).Properties())
        {
            if (call.Args.Skip(1).All(other => ((JObject)other).Property(property.Name, StringComparison.Ordinal) is { } p && JToken.DeepEquals(p.Value, property.Value)))
            {
                merged[property.Name] = property.Value.DeepClone();
            }
        }

        return merged;
    }
}
