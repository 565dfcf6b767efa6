using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// A configuration document with parameters bound, expressions evaluated and instances in the order
/// they must run. Produced by <see cref="ConfigurationResolver.Resolve"/>.
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
}
