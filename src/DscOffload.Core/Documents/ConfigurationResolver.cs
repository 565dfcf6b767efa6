using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>
/// Turns a checked <see cref="ConfigurationDocument"/> into what the engine runs: parameter values bound
/// and checked, variables and instance properties evaluated, <c>dependsOn</c> resolved and instances in
/// dependency order. Every error is an <see cref="Diagnostics.ErrorKind.InvalidInput"/> at the offending node.
/// </summary>
public static class ConfigurationResolver
{
    /// <summary>Resolves <paramref name="document"/> with the values of a parameters file, if any.</summary>
    /// <param name="document">The checked document.</param>
    /// <param name="parameterValues">Name → value (see <see cref="ParametersFile"/>), or null when no file was given.</param>
    public static ResolvedConfiguration Resolve(ConfigurationDocument document, JObject? parameterValues)
    {
        ArgumentNullException.ThrowIfNull(document);
        var bound = ParameterBinder.Bind(document, parameterValues);
        var evaluator = new ExpressionEvaluator(bound, document.Variables);
        var instances = document.Resources;
        var properties = new JObject[instances.Count];
        var dependencies = new int[instances.Count][];
        var conditions = new bool[instances.Count];
        for (var i = 0; i < instances.Count; i++)
        {
            conditions[i] = EvaluateCondition(document, instances[i], evaluator);
            properties[i] = (JObject)evaluator.Evaluate(instances[i].Properties);
            dependencies[i] = ResolveDependsOn(document, instances[i], evaluator);
        }

        var order = DependencyOrder.Sort(instances, dependencies);
        var resolved = new ResolvedInstance[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var index = order[i];
            var deps = dependencies[index];
            var names = new string[deps.Length];
            for (var d = 0; d < deps.Length; d++)
            {
                names[d] = string.Concat(instances[deps[d]].Type, "/", instances[deps[d]].Name);
            }

            resolved[i] = new ResolvedInstance(instances[index], properties[index], names, conditions[index]);
        }

        return new ResolvedConfiguration(document, bound, resolved);
    }

    private static bool EvaluateCondition(ConfigurationDocument document, ResourceInstance instance, ExpressionEvaluator evaluator)
    {
        if (instance.Raw.Property("condition", StringComparison.Ordinal)?.Value is not { } condition)
        {
            return true;
        }

        var value = evaluator.Evaluate(condition);
        return value.Type == JTokenType.Boolean
            ? (bool)value
            : throw Error($"'condition' of '{instance.Name}' must be a boolean or an expression that gives one, such as \"[equals(parameters('x'), 'y')]\", not {Describe(value)}", condition, document.Path);
    }

    private static int[] ResolveDependsOn(ConfigurationDocument document, ResourceInstance instance, ExpressionEvaluator evaluator)
    {
        if (instance.DependsOn.Count == 0)
        {
            return [];
        }

        var result = new List<int>(instance.DependsOn.Count);
        foreach (var entry in instance.DependsOn)
        {
            var value = evaluator.Evaluate(entry);
            if (value.Type != JTokenType.String)
            {
                throw Error($"a 'dependsOn' entry of '{instance.Name}' must give a string 'Type/Name', not {Describe(value)}", entry, document.Path);
            }

            var reference = (string)value!;
            var key = InstanceKeys.OfReference(reference)
                ?? throw Error(
                    $"'dependsOn' entry '{reference}' of '{instance.Name}' is not of the form 'Type/Name'; write \"[resourceId('Type','Name')]\"",
                    entry,
                    document.Path);
            if (!document.InstanceIndex.TryGetValue(key, out var target))
            {
                throw Error(
                    $"'dependsOn' entry '{reference}' of '{instance.Name}' names no resource instance in this document; instances: {NameList(InstanceNames(document))}",
                    entry,
                    document.Path);
            }

            if (!result.Contains(target))
            {
                result.Add(target);
            }
        }

        return result.ToArray();
    }

    private static IEnumerable<string> InstanceNames(ConfigurationDocument document)
    {
        foreach (var instance in document.Resources)
        {
            yield return string.Concat(instance.Type, "/", instance.Name);
        }
    }
}
