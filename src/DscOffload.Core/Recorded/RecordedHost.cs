using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Recorded;

/// <summary>
/// The recorded state of one host: a DSC export document (what <c>dsc config export</c> and
/// <c>dscoffload snapshot</c> write). Recorded backends replay it; it is never changed.
/// </summary>
public sealed class RecordedHost
{
    private readonly Dictionary<string, List<RecordedInstance>> _byType;
    private readonly RecordedObject? _metadataValues;
    private JObject? _metadata;

    // The metadata comes as a token tree from the full parser or as values from a fleet's fast read (one of the two).
    private RecordedHost(string hostName, string sourcePath, string? os, string? osVersion, JObject? metadata, RecordedObject? metadataValues,
        Dictionary<string, List<RecordedInstance>> byType)
    {
        _metadata = metadata;
        _metadataValues = metadataValues;
        HostName = hostName;
        SourcePath = sourcePath;
        OperatingSystem = os;
        OperatingSystemVersion = osVersion;
        _byType = byType;
    }

    /// <summary>The host name: <c>metadata.DscOffload.host</c>, else the file name without its extensions.</summary>
    public string HostName { get; }

    /// <summary>The file the state came from, as given.</summary>
    public string SourcePath { get; }

    /// <summary><c>windows</c> or <c>linux</c> when the snapshot says so.</summary>
    public string? OperatingSystem { get; }

    /// <summary>
    /// The operating system version the snapshot recorded (<c>metadata.DscOffload.osVersion</c>, on Windows such as
    /// <c>10.0.17763</c>), or null when it says none (older snapshots, <c>dsc config export</c> documents).
    /// </summary>
    public string? OperatingSystemVersion { get; }

    /// <summary>
    /// The document's <c>metadata.DscOffload</c> object, or null when it has none; platform readers take their own
    /// sections from it (such as the Linux network configuration files a snapshot recorded).
    /// </summary>
    /// <remarks>A fleet's fast read keeps it as values and builds the token tree only when a reader asks (a Windows
    /// fleet never does).</remarks>
    internal JObject? Metadata => _metadata ??= _metadataValues?.ToToken();

    /// <summary>Types with at least one recorded instance.</summary>
    public IEnumerable<string> Types => _byType.Keys;

    /// <summary>The recorded instances of <paramref name="type"/> (case-insensitive), possibly none.</summary>
    public IReadOnlyList<RecordedInstance> InstancesOf(string type) =>
        _byType.TryGetValue(type, out var list) ? list : [];

    /// <summary>True if the snapshot has any instance of <paramref name="type"/>.</summary>
    public bool Has(string type) => _byType.ContainsKey(type);

    /// <summary>Reads a parsed export document.</summary>
    public static RecordedHost FromDocument(JToken root, string sourcePath)
    {
        if (root is not JObject doc)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                "a recorded host must be a DSC export document (an object with 'resources')", root.Location(sourcePath));
        }

        if (doc["resources"] is not JArray resources)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                "a recorded host must be a DSC export document: 'resources' (array) is missing", doc.Location(sourcePath));
        }

        if (resources.Count > Documents.InputLimits.MaxResources)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                $"a recorded host has {resources.Count} resource instances; at most {Documents.InputLimits.MaxResources} are allowed (InputLimits.MaxResources)",
                resources[Documents.InputLimits.MaxResources].Location(sourcePath));
        }

        // dsc's export document schema makes metadata an object; indexing anything else by name would throw.
        if (doc["metadata"] is { } metadata && metadata is not JObject && metadata.Type != JTokenType.Null)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                "'metadata' of a recorded host must be an object", metadata.Location(sourcePath));
        }

        var meta = (doc["metadata"] as JObject)?["DscOffload"] as JObject;
        var host = meta?["host"]?.Type == JTokenType.String ? meta["host"]!.Value<string>()! : NameFromPath(sourcePath);
        var os = meta?["os"]?.Type == JTokenType.String ? meta["os"]!.Value<string>() : null;
        var osVersion = meta?["osVersion"]?.Type == JTokenType.String ? meta["osVersion"]!.Value<string>() : null;
        var byType = new Dictionary<string, List<RecordedInstance>>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in resources)
        {
            if (item is not JObject instance || instance["type"]?.Type != JTokenType.String)
            {
                throw new DscOffloadException(ErrorKind.InvalidInput,
                    "each recorded resource needs a string 'type'", item.Location(sourcePath));
            }

            var type = instance["type"]!.Value<string>()!;
            var name = instance["name"]?.Type == JTokenType.String ? instance["name"]!.Value<string>()! : "";
            var properties = instance["properties"] switch
            {
                JObject o => o,
                null => [],
                var other => throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"'properties' of recorded resource '{name}' must be an object", other.Location(sourcePath)),
            };
            Add(byType, new RecordedInstance(type, name, properties, instance.Location(sourcePath)));
        }

        return new RecordedHost(host, sourcePath, os, osVersion, meta, null, byType);
    }

    /// <summary>
    /// A host from a document <see cref="SnapshotReader"/> read, or null when <see cref="FromDocument"/> would refuse it
    /// (or, for a non-object <c>metadata</c>, not read it as an export document): then the file is read the full way.
    /// </summary>
    internal static RecordedHost? FromValues(RecordedObject doc, string sourcePath)
    {
        if (!doc.TryGet("resources", out var resourcesValue) || resourcesValue.Kind != RecordedValueKind.Array
            || resourcesValue.Items.Count > Documents.InputLimits.MaxResources)
        {
            return null;
        }

        RecordedObject? meta = null;
        if (doc.TryGet("metadata", out var metadata))
        {
            if (metadata.Kind != RecordedValueKind.Object)
            {
                return null;
            }

            meta = metadata.Object.ObjectOf("DscOffload");
        }

        var host = meta?.StringOf("host") ?? NameFromPath(sourcePath);
        var byType = new Dictionary<string, List<RecordedInstance>>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in resourcesValue.Items)
        {
            if (item.Kind != RecordedValueKind.Object || item.Object.StringOf("type") is not { } type)
            {
                return null;
            }

            var instance = item.Object;
            var name = instance.StringOf("name") ?? "";
            RecordedObject properties;
            if (!instance.TryGet("properties", out var value))
            {
                properties = RecordedObject.Empty;
            }
            else if (value.Kind == RecordedValueKind.Object)
            {
                properties = value.Object;
            }
            else
            {
                return null;
            }

            Add(byType, new RecordedInstance(type, name, properties));
        }

        return new RecordedHost(host, sourcePath, meta?.StringOf("os"), meta?.StringOf("osVersion"), null, meta, byType);
    }

    private static void Add(Dictionary<string, List<RecordedInstance>> byType, RecordedInstance instance)
    {
        if (!byType.TryGetValue(instance.Type, out var list))
        {
            list = [];
            byType[instance.Type] = list;
        }

        list.Add(instance);
    }

    /// <summary>
    /// Reads a snapshot file without source locations, for fleets (building them costs more than the rest of a host's
    /// run): a JSON snapshot straight from its bytes (<see cref="SnapshotReader"/>), anything that reader leaves (YAML,
    /// or a file with a problem) with the full parser, unlocated; one that is not a valid export document is read again
    /// with locations, so the error names file:line:column. A caller whose run of the host meets an error reads it
    /// again with <see cref="FromDocument"/> and a located parse.
    /// </summary>
    internal static RecordedHost ReadUnlocated(string path)
    {
        if (SnapshotReader.TryRead(path) is { } host)
        {
            return host;
        }

        try
        {
            return FromDocument(StructuredTextParser.ParseFileUnlocated(path), path);
        }
        catch (DscOffloadException)
        {
            return FromDocument(StructuredTextParser.ParseFile(path), path);
        }
    }

    private static string NameFromPath(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in (string[])[".dsc.json", ".dsc.yaml", ".dsc.yml", ".json", ".yaml", ".yml"])
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
