using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>Reads a document's <c>functions</c> section (namespaces of members with parameters and an output) into <see cref="UserFunction"/>s.</summary>
internal static class UserFunctionReader
{
    public static Dictionary<string, UserFunction> Read(ConfigurationDocument document)
    {
        var file = document.Path;
        var result = new Dictionary<string, UserFunction>(StringComparer.Ordinal);
        foreach (var item in OptionalArray(document.Root, "functions", "the configuration document", file) ?? [])
        {
            if (item is not JObject entry)
            {
                throw Error($"each 'functions' entry must be a mapping/object with 'namespace' and 'members', not {Describe(item)}", item, file);
            }

            CheckKeys(entry, ["namespace", "members"], "a 'functions' entry", file);
            var space = OptionalString(entry, "namespace", "a 'functions' entry", file) ?? throw Error("a 'functions' entry has no 'namespace'", entry, file);
            var members = OptionalObject(entry, "members", $"namespace '{space}'", file) ?? throw Error($"namespace '{space}' has no 'members'", entry, file);
            foreach (var member in members.Properties())
            {
                var name = $"{space}.{member.Name}";
                var function = Member(name, member.Value, file);
                if (!result.TryAdd(name, function))
                {
                    throw Error($"user function '{name}' is defined more than once", member, file);
                }
            }
        }

        return result;
    }

    private static UserFunction Member(string name, JToken value, string file)
    {
        var where = $"user function '{name}'";
        if (value is not JObject definition)
        {
            throw Error($"{where} must be a mapping/object with 'output', not {Describe(value)}", value, file);
        }

        CheckKeys(definition, ["parameters", "output"], where, file);
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var item in OptionalArray(definition, "parameters", where, file) ?? [])
        {
            if (item is not JObject parameter)
            {
                throw Error($"each parameter of {where} must be a mapping/object with 'name' and 'type'", item, file);
            }

            CheckKeys(parameter, ["name", "type"], $"a parameter of {where}", file);
            parameters.Add(new(
                OptionalString(parameter, "name", where, file) ?? throw Error($"a parameter of {where} has no 'name'", parameter, file),
                Type(parameter, where, file)));
        }

        var output = OptionalObject(definition, "output", where, file) ?? throw Error($"{where} has no 'output'", definition, file);
        CheckKeys(output, ["type", "value"], $"the output of {where}", file);
        var body = output.Property("value", StringComparison.Ordinal)?.Value ?? throw Error($"the output of {where} has no 'value'", output, file);
        return new UserFunction(name, parameters, Type(output, where, file), body);
    }

    private static string Type(JObject obj, string where, string file)
    {
        var type = OptionalString(obj, "type", where, file) ?? throw Error($"a 'type' is missing in {where}; allowed: {DataTypes.Names}", obj, file);
        return DataTypes.IsKnown(type) ? type : throw Error($"'{type}' in {where} is not a type; allowed: {DataTypes.Names}", obj["type"], file);
    }
}
