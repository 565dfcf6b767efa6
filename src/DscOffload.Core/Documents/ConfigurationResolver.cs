using DscOffload.Core.Diagnostics;
using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>
/// Turns a checked <see cref="ConfigurationDocument"/> into what the engine runs: parameter values bound
/// and checked, variables and instance properties evaluated, <c>dependsOn</c> resolved and instances in
/// dependency order. Every error is an <see cref="Diagnostics.ErrorKind.InvalidInput"/> at the offending node.
/// </summary>
internal static class ConfigurationResolver
{
    /// <summary>Resolves <paramref name="document"/> with the values of a parameters file, if any, with the process as host.</summary>
    /// <param name="document">The checked document.</param>
    /// <param name="parameterValues">Name → value (see <see cref="ParametersFile"/>), or null when no file was given.</param>
    /// <remarks>
    /// No run is known here, so a <c>reference()</c> in properties is an error (as in dsc when the instance it names
    /// has not run); engines that run instances use the overload with a host, which defers such properties.
    /// </remarks>
    public static ResolvedConfiguration Resolve(ConfigurationDocument document, JObject? parameterValues) =>
        Resolve(document, parameterValues, new ProcessExpressionHost(), deferReferences: false);

    /// <summary>
    /// Resolves <paramref name="document"/>: directives checked, parameters bound (defaults evaluated), user
    /// functions read, variables evaluated, <c>copy</c> loops unrolled, names, conditions, properties and
    /// <c>dependsOn</c> evaluated, instances ordered. Instances whose properties call <c>reference()</c> keep their
    /// properties as written (<see cref="ResolvedInstance.NeedsRunResults"/>): the engine evaluates them with
    /// <see cref="EvaluateProperties"/> when their turn comes.
    /// </summary>
    /// <param name="document">The checked document.</param>
    /// <param name="parameterValues">Name → value, or null when none were given.</param>
    /// <param name="host">What the machine and the run know (environment, clock, results so far).</param>
    /// <param name="deferReferences">
    /// True (for an engine that calls <see cref="EvaluateProperties"/>) to leave properties that call <c>reference()</c>
    /// as written; false to evaluate them now, so that a <c>reference()</c> the host cannot answer is an error.
    /// </param>
    /// <remarks>
    /// Every error message has the values of secure parameters masked (<see cref="SecretRedactor"/>), even when an
    /// expression put them into the text of another error.
    /// </remarks>
    public static ResolvedConfiguration Resolve(ConfigurationDocument document, JObject? parameterValues, IExpressionHost host, bool deferReferences = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            return ResolveUnredacted(document, parameterValues, host, deferReferences);
        }
        catch (DscOffloadException e) when (SecretRedactor.ForDeclaredDefaults(document, parameterValues) is { IsEmpty: false } redactor
            && redactor.Redact(e.Message) is var shown && shown != e.Message)
        {
            throw new DscOffloadException(e.Kind, shown, e.Location);
        }
    }

    private static ResolvedConfiguration ResolveUnredacted(ConfigurationDocument document, JObject? parameterValues, IExpressionHost host, bool deferReferences)
    {
        var security = DocumentDirectives.Check(document);
        var options = new ExpressionOptions { Host = host, UserFunctions = UserFunctionReader.Read(document) };
        var bound = ParameterBinder.Bind(document, parameterValues, options);
        var evaluator = new ExpressionEvaluator(bound, document.Variables, options);
        var expanded = CopyLoops.Expand(document, evaluator);
        var instances = expanded.Select(e => e.Instance).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < instances.Count; i++)
        {
            if (!index.TryAdd(InstanceKeys.Of(instances[i].Type, instances[i].Name), i))
            {
                throw Error($"resource named '{instances[i].Name}' for type '{instances[i].Type}' is specified more than once", instances[i].Raw, document.Path);
            }
        }

        var properties = new JObject[instances.Count];
        var dependencies = new int[instances.Count][];
        var conditions = new bool[instances.Count];
        var deferred = new bool[instances.Count];
        for (var i = 0; i < instances.Count; i++)
        {
            var copy = expanded[i].Copy;
            conditions[i] = EvaluateCondition(document, instances[i], evaluator, copy);
            deferred[i] = deferReferences && UsesReference(instances[i].Properties);
            properties[i] = deferred[i] ? (JObject)instances[i].Properties.DeepClone() : (JObject)evaluator.Evaluate(instances[i].Properties, copy);
            dependencies[i] = ResolveDependsOn(document, instances[i], evaluator, index, instances, copy);
        }

        var order = DependencyOrder.Sort(instances, dependencies);
        var resolved = new ResolvedInstance[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var at = order[i];
            var deps = dependencies[at];
            var names = new string[deps.Length];
            for (var d = 0; d < deps.Length; d++)
            {
                names[d] = string.Concat(instances[deps[d]].Type, "/", instances[deps[d]].Name);
            }

            resolved[i] = new ResolvedInstance(instances[at], properties[at], names, conditions[at])
            {
                NeedsRunResults = deferred[at],
                Copy = expanded[at].Copy,
            };
        }

        return new ResolvedConfiguration(document, bound, resolved)
        {
            RequiredSecurityContext = security,
            Evaluator = evaluator,
        };
    }

    /// <summary>
    /// Evaluates the properties of <paramref name="instance"/> now, with <paramref name="host"/> answering
    /// <c>reference()</c> from the results of the instances already run. The engine calls this before running an
    /// instance whose <see cref="ResolvedInstance.NeedsRunResults"/> is true.
    /// </summary>
    public static JObject EvaluateProperties(ResolvedConfiguration configuration, ResolvedInstance instance, IExpressionHost host)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(instance);
        var evaluator = configuration.EvaluatorWith(host);
        return (JObject)evaluator.Evaluate(instance.Source.Properties, instance.Copy);
    }

    /// <summary>
    /// Evaluates the document's <c>outputs</c> after a run, as dsc does: an output whose <c>condition</c> is false is
    /// left out, a <c>secureString</c>/<c>secureObject</c> output is never given (its name is in the second list),
    /// and a value of another type than declared is an error.
    /// </summary>
    public static (JObject Outputs, IReadOnlyList<string> SecureOutputsLeftOut) EvaluateOutputs(ResolvedConfiguration configuration, IExpressionHost host) =>
        DocumentOutputs.Evaluate(configuration, configuration.EvaluatorWith(host));

    // reference() needs results the engine has only while running, so such properties wait for it.
    private static bool UsesReference(JToken token) => token switch
    {
        JValue { Type: JTokenType.String } text => ((string)text!).Contains("reference(", StringComparison.Ordinal) && ExpressionEvaluator.IsExpression((string)text!),
        JContainer container => container.Children().Any(c => UsesReference(c is JProperty p ? p.Value : c)),
        _ => false,
    };

    private static bool EvaluateCondition(ConfigurationDocument document, ResourceInstance instance, ExpressionEvaluator evaluator, CopyLoopPosition? copy)
    {
        if (instance.Raw.Property("condition", StringComparison.Ordinal)?.Value is not { } condition)
        {
            return true;
        }

        var value = evaluator.Evaluate(condition, copy);
        return value.Type == JTokenType.Boolean
            ? (bool)value
            : throw Error($"'condition' of '{instance.Name}' must be a boolean or an expression that gives one, such as \"[equals(parameters('x'), 'y')]\", not {Describe(value)}", condition, document.Path);
    }

    private static int[] ResolveDependsOn(ConfigurationDocument document, ResourceInstance instance, ExpressionEvaluator evaluator, Dictionary<string, int> index, List<ResourceInstance> instances, CopyLoopPosition? copy)
    {
        if (instance.DependsOn.Count == 0)
        {
            return [];
        }

        var result = new List<int>(instance.DependsOn.Count);
        foreach (var entry in instance.DependsOn)
        {
            var value = evaluator.Evaluate(entry, copy);
            if (value.Type != JTokenType.String)
            {
                throw Error($"a 'dependsOn' entry of '{instance.Name}' must give a string 'Type:name' (from resourceId()) or 'Type/Name', not {Describe(value)}", entry, document.Path);
            }

            var reference = (string)value!;
            var key = InstanceKeys.OfReference(reference)
                ?? throw Error(
                    $"'dependsOn' entry '{reference}' of '{instance.Name}' is not of the form 'Type:name' or 'Type/Name'; write \"[resourceId('Type','Name')]\"",
                    entry,
                    document.Path);
            if (!index.TryGetValue(key, out var target))
            {
                throw Error(
                    $"'dependsOn' entry '{reference}' of '{instance.Name}' names no resource instance in this document; instances: {NameList(instances.Select(i => string.Concat(i.Type, "/", i.Name)))}",
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
}
