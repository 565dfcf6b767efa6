using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>The document's <c>outputs</c>, evaluated after a run with dsc's rules (see <see cref="ConfigurationResolver.EvaluateOutputs"/>).</summary>
internal static class DocumentOutputs
{
    public static (JObject, IReadOnlyList<string>) Evaluate(ResolvedConfiguration configuration, ExpressionEvaluator evaluator)
    {
        var file = configuration.Document.Path;
        var result = new JObject();
        var secure = new List<string>();
        var outputs = OptionalObject(configuration.Document.Root, "outputs", "the configuration document", file);
        foreach (var output in outputs?.Properties() ?? [])
        {
            var where = $"output '{output.Name}'";
            if (output.Value is not JObject definition)
            {
                throw Error($"{where} must be a mapping/object with 'type' and 'value', not {Describe(output.Value)}", output.Value, file);
            }

            CheckKeys(definition, ["type", "value", "condition", "copy"], where, file);
            var type = OptionalString(definition, "type", where, file) ?? throw Error($"{where} has no 'type'", definition, file);
            if (!DataTypes.IsKnown(type))
            {
                throw Error($"{where} has type '{type}'; allowed: {DataTypes.Names}", definition["type"], file);
            }

            if (definition.Property("copy", StringComparison.Ordinal) is { } copy)
            {
                throw Error($"'copy' in {where} is not supported (dsc does not evaluate it either); use map() over range() instead", copy, file);
            }

            if (definition.Property("condition", StringComparison.Ordinal)?.Value is { } condition && evaluator.Evaluate(condition) is var met && met.Type != JTokenType.Boolean | !(met.Type == JTokenType.Boolean && (bool)met))
            {
                continue;
            }

            var written = definition.Property("value", StringComparison.Ordinal)?.Value ?? throw Error($"{where} has no 'value'", definition, file);
            var value = evaluator.Evaluate(written);
            if (DataTypes.IsSecure(type))
            {
                secure.Add(output.Name);
                continue;
            }

            result[output.Name] = DataTypes.Matches(type, value)
                ? value
                : throw Error($"{where} gives {Describe(value)}, but its type is {type}", written, file);
        }

        return (result, secure);
    }
}
