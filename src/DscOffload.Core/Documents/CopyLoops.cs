using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>
/// Unrolls <c>copy</c> loops (<c>copy: {name, count}</c>) into one instance per iteration, each named by its
/// <c>name</c> expression evaluated with <c>copyIndex()</c>, and evaluates the other instances' name expressions.
/// As dsc does, <c>mode</c> and <c>batchSize</c> are refused; counts stay inside <see cref="ExpressionLimits.MaxCopyCount"/>
/// and the document's instance limit.
/// </summary>
internal static class CopyLoops
{
    public static List<(ResourceInstance Instance, CopyLoopPosition? Copy)> Expand(ConfigurationDocument document, ExpressionEvaluator evaluator)
    {
        var file = document.Path;
        var result = new List<(ResourceInstance, CopyLoopPosition?)>(document.Resources.Count);
        foreach (var instance in document.Resources)
        {
            var where = $"resource instance '{instance.Name}'";
            if (OptionalObject(instance.Raw, "copy", where, file) is not { } copy)
            {
                result.Add((instance.WithName(Name(instance, evaluator, null, file), result.Count), null));
                continue;
            }

            CheckKeys(copy, ["name", "count", "mode", "batchSize"], $"the 'copy' of '{instance.Name}'", file);
            foreach (var refused in new[] { "mode", "batchSize" })
            {
                if (copy.Property(refused, StringComparison.Ordinal) is { } property)
                {
                    throw Error($"'copy.{refused}' of '{instance.Name}' is not supported (dsc refuses it too); copies run one after another", property, file);
                }
            }

            var loop = OptionalString(copy, "name", $"the 'copy' of '{instance.Name}'", file) ?? throw Error($"the 'copy' of '{instance.Name}' has no 'name'", copy, file);
            var countToken = copy.Property("count", StringComparison.Ordinal)?.Value ?? throw Error($"the 'copy' of '{instance.Name}' has no 'count'", copy, file);
            var count = evaluator.Evaluate(countToken);
            if (count.Type != JTokenType.Integer || (long)count < 0 || (long)count > ExpressionLimits.MaxCopyCount)
            {
                throw Error($"'copy.count' of '{instance.Name}' must be an integer from 0 to {ExpressionLimits.MaxCopyCount:N0} (ExpressionLimits.MaxCopyCount), not {(count.Type == JTokenType.Integer ? count.ToString() : Describe(count))}", countToken, file);
            }

            if (result.Count + (long)count > InputLimits.MaxResources)
            {
                throw Error($"the copy loop '{loop}' makes the document more than {InputLimits.MaxResources:N0} instances (InputLimits.MaxResources)", countToken, file);
            }

            for (var i = 0; i < (int)(long)count; i++)
            {
                var position = new CopyLoopPosition(loop, i);
                result.Add((instance.WithName(Name(instance, evaluator, position, file), result.Count), position));
            }
        }

        return result;
    }

    private static string Name(ResourceInstance instance, ExpressionEvaluator evaluator, CopyLoopPosition? copy, string file)
    {
        var written = instance.Raw["name"]!;
        var value = evaluator.Evaluate(written, copy);
        return value.Type == JTokenType.String && ((string)value!).Length > 0
            ? (string)value!
            : throw Error($"the name expression of '{instance.Name}' must give a non-empty string, not {Describe(value)}", written, file);
    }
}
