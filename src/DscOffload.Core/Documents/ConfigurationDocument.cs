using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// A DSC v3 configuration document that has passed the shape rules (allowed keys, required
/// <c>$schema</c> and <c>resources</c>, valid types and unique instance names). Values are still as
/// written; <see cref="ConfigurationResolver"/> binds parameters and evaluates expressions.
/// Create one with <see cref="DocumentLoader"/>.
/// </summary>
public sealed class ConfigurationDocument
{
    internal ConfigurationDocument(
        string path,
        JObject root,
        IReadOnlyList<ParameterDefinition> parameters,
        JObject variables,
        IReadOnlyList<ResourceInstance> resources,
        Dictionary<string, int> instanceIndex)
    {
        Path = path;
        Root = root;
        Parameters = parameters;
        Variables = variables;
        Resources = resources;
        InstanceIndex = instanceIndex;
    }

    /// <summary>The path (or display name) the document was read from; the file part of its locations.</summary>
    public string Path { get; }

    /// <summary>The whole document, every node located.</summary>
    public JObject Root { get; }

    /// <summary>The declared parameters in document order.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>The <c>variables</c> map as written (empty when absent); values may be expressions.</summary>
    public JObject Variables { get; }

    /// <summary>The resource instances in document order.</summary>
    public IReadOnlyList<ResourceInstance> Resources { get; }

    /// <summary>Instance position by <see cref="InstanceKeys.Of(string, string)"/>.</summary>
    internal Dictionary<string, int> InstanceIndex { get; }
}
