using DscOffload.Core.Documents;
using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// Loads a document and its parameters and prepares it for the engine: the one path from a file to a
/// <see cref="PreparedConfiguration"/>, shared by config, validate and the package writers.
/// </summary>
public static class DocumentPreparation
{
    /// <summary>Loads, resolves and validates <paramref name="documentPath"/>; throws the first problem with its location.</summary>
    /// <remarks>
    /// Instances whose <c>condition</c> is false are kept as skipped; properties that call <c>reference()</c> are evaluated
    /// by the engine when their turn comes.
    /// </remarks>
    public static PreparedConfiguration Prepare(ConfigurationEngine engine, string documentPath, string? parametersPath, string? systemRoot = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var document = DocumentLoader.Load(documentPath);
        var parameters = parametersPath is null ? null : ParametersFile.Load(parametersPath);
        return engine.Prepare(documentPath, ConfigurationResolver.Resolve(document, parameters, new ProcessExpressionHost(systemRoot)));
    }

    /// <summary>Resolves and validates a document already read, with the parameter values given (null: none).</summary>
    public static PreparedConfiguration Prepare(ConfigurationEngine engine, string documentName, ConfigurationDocument document, JObject? parameters, string? systemRoot = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Prepare(documentName, ConfigurationResolver.Resolve(document, parameters, new ProcessExpressionHost(systemRoot)));
    }

    /// <summary>
    /// Loads <paramref name="documentPath"/>, binds the parameters and evaluates expressions; instances whose
    /// <c>condition</c> is false are left out, as dsc skips them.
    /// </summary>
    public static IReadOnlyList<ResolvedInstance> Resolve(string documentPath, string? parametersPath)
    {
        var document = DocumentLoader.Load(documentPath);
        var parameters = parametersPath is null ? null : ParametersFile.Load(parametersPath);
        return ConfigurationResolver.Resolve(document, parameters).Instances.Where(i => i.IsConditionMet).ToList();
    }

    /// <summary>The engine's view of a resolved instance, keeping its document locations.</summary>
    public static EngineInstance ToEngineInstance(ResolvedInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new EngineInstance(instance.Name, instance.Type, instance.Properties, instance.Source.Location, instance.Source.TypeLocation);
    }
}
