using Json.Schema;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>One resource of the project's manifest list, as dsc reads it.</summary>
public sealed class DscManifestEntry
{
    /// <summary>The operations dsc's manifest can declare for a command resource.</summary>
    public static IReadOnlyList<string> Operations { get; } = ["get", "set", "whatIf", "test", "delete", "export", "validate", "resolve"];

    private readonly JObject _entry;

    private DscManifestEntry(JObject entry) => _entry = entry;

    /// <summary>The checked-in manifest list every type comes from.</summary>
    public static string ManifestPath => Process.RepositoryPaths.InRepo("schemas", "dscoffload.dsc.manifests.json");

    /// <summary>Every resource of the manifest list.</summary>
    public static IReadOnlyList<DscManifestEntry> All() =>
        [.. ((JArray)JObject.Parse(File.ReadAllText(ManifestPath))["resources"]!).Cast<JObject>().Select(e => new DscManifestEntry(e))];

    /// <summary>The resource of type <paramref name="type"/>.</summary>
    public static DscManifestEntry For(string type) =>
        All().SingleOrDefault(e => e.Type == type) ?? throw new InvalidOperationException($"{type} is not in {ManifestPath}");

    /// <summary>The fully qualified type name.</summary>
    public string Type => _entry.Value<string>("type")!;

    /// <summary>The method of <paramref name="operation"/>, or null when the manifest does not declare it.</summary>
    public DscManifestMethod? Method(string operation) => _entry[operation] is JObject m ? new DscManifestMethod(Type, m) : null;

    /// <summary>The operations this manifest declares.</summary>
    public IReadOnlyList<string> DeclaredOperations => [.. Operations.Where(o => _entry[o] is JObject)];

    /// <summary>The exit codes the manifest declares, with their descriptions.</summary>
    public IReadOnlyDictionary<int, string> ExitCodes =>
        ((JObject?)_entry["exitCodes"])?.Properties().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.Value<string>()!)
        ?? new Dictionary<int, string> { [0] = "Success", [1] = "Error" };

    /// <summary>The embedded schema as JSON, or null when the manifest gets it from a command.</summary>
    public JObject? EmbeddedSchema => _entry["schema"]?["embedded"] as JObject;

    /// <summary>The embedded schema compiled for validation.</summary>
    public JsonSchema Schema => JsonSchema.FromText(EmbeddedSchema?.ToString() ?? throw new InvalidOperationException($"{Type}: no embedded schema"));
}
