using DscOffload.Core.Documents;
using DscOffload.Core.Engine;

namespace DscOffload.Cli.Hosts;

/// <summary>Loads a document and its parameters and prepares it for the engine (shared by config and validate).</summary>
public static class DocumentPreparation
{
    /// <summary>Loads, resolves and validates <paramref name="documentPath"/>; throws the first problem with its location.</summary>
    public static PreparedConfiguration Prepare(ConfigurationEngine engine, string documentPath, string? parametersPath)
    {
        var document = DocumentLoader.Load(documentPath);
        var parameters = parametersPath is null ? null : ParametersFile.Load(parametersPath);
        var resolved = ConfigurationResolver.Resolve(document, parameters);
        // Instances whose `condition` is false are skipped, as dsc skips them.
        var instances = resolved.Instances
            .Where(i => i.IsConditionMet)
            .Select(i => new EngineInstance(i.Name, i.Type, i.Properties, i.Source.Location, i.Source.TypeLocation))
            .ToList();
        return engine.Prepare(documentPath, instances);
    }
}
