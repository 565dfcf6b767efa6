using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// The coexistence tables (KB 951037 for Windows, the kernel's behaviour for Linux) as data: one JSON
/// file, <c>coexistence-table.json</c>, embedded in this assembly. The resource types, the warnings of
/// config test and validate, and <c>dscoffload explain</c> all read it from here, so the facts live in
/// one place. Parsed on first use only; the JToken model keeps it Native-AOT clean.
/// </summary>
internal static class CoexistenceTable
{
    private const string ResourceName = "DscOffload.Core.Coexistence.coexistence-table.json";

    private static readonly Lazy<IReadOnlyList<PlatformCoexistenceTable>> Embedded = new(LoadEmbedded);

    /// <summary>Every platform's table, Windows first.</summary>
    public static IReadOnlyList<PlatformCoexistenceTable> Platforms => Embedded.Value;

    /// <summary>The table of <paramref name="platform"/> (<c>Windows</c>, <c>Linux</c>), or null.</summary>
    public static PlatformCoexistenceTable? ForPlatform(string platform) =>
        Platforms.FirstOrDefault(t => string.Equals(t.Platform, platform, StringComparison.OrdinalIgnoreCase));

    /// <summary>The table whose OffloadCoexistence type is <paramref name="resourceType"/>, or null.</summary>
    public static PlatformCoexistenceTable? ForResourceType(string resourceType) =>
        Platforms.FirstOrDefault(t => string.Equals(t.ResourceType, resourceType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every offload name of every platform, each once, in table order.</summary>
    public static IReadOnlyList<string> OffloadNames =>
        Platforms.SelectMany(t => t.Offloads).Select(o => o.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Reads tables from their JSON form (the shape of <c>coexistence-table.json</c>).</summary>
    /// <exception cref="DscOffloadException">InvalidInput naming what is malformed.</exception>
    public static IReadOnlyList<PlatformCoexistenceTable> Parse(JObject root)
    {
        var platforms = new List<PlatformCoexistenceTable>();
        foreach (var platform in Array(root, "platforms", "table").OfType<JObject>())
        {
            var name = Text(platform, "platform", "table");
            platforms.Add(new PlatformCoexistenceTable
            {
                Platform = name,
                Title = Text(platform, "title", name),
                ResourceType = Text(platform, "resourceType", name),
                Offloads = Array(platform, "offloads", name).OfType<JObject>().Select(o => ParseOffload(o, name)).ToList(),
                Rows = Array(platform, "rows", name).OfType<JObject>().Select(r => ParseRow(r, name)).ToList(),
            });
        }

        foreach (var table in platforms)
        {
            foreach (var row in table.Rows)
            {
                foreach (var offload in row.Effects.Keys)
                {
                    if (table.Offload(offload) is null)
                    {
                        throw Malformed($"row '{row.Id}' of the {table.Platform} table names the unknown offload '{offload}'");
                    }
                }
            }
        }

        return platforms;
    }

    private static IReadOnlyList<PlatformCoexistenceTable> LoadEmbedded()
    {
        using var stream = typeof(CoexistenceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new DscOffloadException(ErrorKind.Unexpected, $"the coexistence table ({ResourceName}) is missing from this build");
        using var reader = new StreamReader(stream);
        return Parse(JObject.Parse(reader.ReadToEnd()));
    }

    private static OffloadTopic ParseOffload(JObject o, string platform)
    {
        var name = Text(o, "name", platform);
        var settings = Array(o, "settings", name).OfType<JObject>()
            .Select(s => new OffloadSetting(Text(s, "type", name), Text(s, "path", name), Array(s, "on", name).ToList(),
                s["noEffectFromBuild"]?.Type == JTokenType.Integer ? s["noEffectFromBuild"]!.Value<int>() : null,
                s["noEffect"]?.Type == JTokenType.String ? s["noEffect"]!.Value<string>() : null))
            .ToList();
        return new OffloadTopic(name, Text(o, "title", name), settings);
    }

    private static CoexistenceRow ParseRow(JObject r, string platform)
    {
        var id = Text(r, "id", platform);
        var effects = new Dictionary<string, CoexistenceEffect>(StringComparer.OrdinalIgnoreCase);
        if (r["effects"] is JObject map)
        {
            foreach (var p in map.Properties())
            {
                var effect = p.Value as JObject ?? throw Malformed($"effect '{p.Name}' of row '{id}' must be an object");
                effects[p.Name] = new CoexistenceEffect(
                    Verdict(Text(effect, "verdict", id)),
                    Text(effect, "note", id),
                    effect["perInterface"]?.Type == JTokenType.Boolean && effect["perInterface"]!.Value<bool>());
            }
        }

        CoexistenceNuance? nuance = null;
        if (r["nuance"] is JObject n)
        {
            nuance = new CoexistenceNuance(Text(n, "source", id), Verdict(Text(n, "chimney", id)), Text(n, "text", id));
        }

        return new CoexistenceRow
        {
            Id = id,
            Condition = Text(r, "condition", id),
            Source = Text(r, "source", id),
            Explanation = Text(r, "explanation", id),
            Detection = Text(r, "detection", id),
            Nuance = nuance,
            Effects = effects,
        };
    }

    private static CoexistenceVerdict Verdict(string text) =>
        Enum.TryParse<CoexistenceVerdict>(text, ignoreCase: false, out var verdict) && Enum.IsDefined(verdict)
            ? verdict
            : throw Malformed($"'{text}' is not a verdict; allowed: {string.Join(", ", Enum.GetNames<CoexistenceVerdict>())}");

    private static string Text(JObject o, string name, string where) =>
        o[name]?.Type == JTokenType.String ? o[name]!.Value<string>()! : throw Malformed($"'{name}' (string) is missing in '{where}'");

    private static JArray Array(JObject o, string name, string where) =>
        o[name] as JArray ?? throw Malformed($"'{name}' (array) is missing in '{where}'");

    private static DscOffloadException Malformed(string what) =>
        new(ErrorKind.InvalidInput, $"coexistence table: {what}");
}
