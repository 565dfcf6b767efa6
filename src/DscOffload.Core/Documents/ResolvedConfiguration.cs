using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// A configuration document with parameters bound, expressions evaluated and instances in the order
/// they must run. Produced by <see cref="ConfigurationResolver"/>.
/// </summary>
public sealed class ResolvedConfiguration
{
    internal ResolvedConfiguration(ConfigurationDocument document, JObject parameterValues, IReadOnlyList<ResolvedInstance> instances)
    {
        Document = document;
        ParameterValues = parameterValues;
        Instances = instances;
    }

    /// <summary>The document as read.</summary>
    public ConfigurationDocument Document { get; }

    /// <summary>Every declared parameter's bound value (from the parameters file, else its default), located.</summary>
    public JObject ParameterValues { get; }

    /// <summary>The instances in execution order: dependencies first, otherwise document order.</summary>
    public IReadOnlyList<ResolvedInstance> Instances { get; }

    /// <summary>
    /// The security context the document's and instances' <c>directives</c> require (<c>elevated</c>,
    /// <c>restricted</c> or <c>current</c>), or null: the engine must refuse to run in any other.
    /// </summary>
    public string? RequiredSecurityContext { get; init; }

    /// <summary>The redaction of this configuration's secure parameter values (secureString, secureObject).</summary>
    public SecretRedactor Redactor => redactor ??= SecretRedactor.For(Document, ParameterValues);

    internal ExpressionEvaluator Evaluator { get; init; } = null!;

    private SecretRedactor? redactor;

    /// <summary>An evaluator with the same parameters, variables and user functions, answering run facts from <paramref name="host"/>.</summary>
    internal ExpressionEvaluator EvaluatorWith(IExpressionHost host) =>
        new(ParameterValues, Document.Variables, new ExpressionOptions { Host = host, UserFunctions = Evaluator.Options.UserFunctions });
}
