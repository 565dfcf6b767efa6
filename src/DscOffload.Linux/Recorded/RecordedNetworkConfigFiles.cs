using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Recorded;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Recorded;

/// <summary>
/// The network configuration files and device facts a snapshot recorded (<c>metadata.DscOffload.networkConfiguration</c>,
/// written by <see cref="NetworkConfigRecorder"/>), served to the same shadow and override detection that reads the live
/// file system. Paths are the recorded host's, below <c>/</c>; nothing here is ever a file of the machine reading it.
/// </summary>
internal sealed class RecordedNetworkConfigFiles : NetworkConfigFiles
{
    /// <summary>The section's name in <c>metadata.DscOffload</c>.</summary>
    public const string SectionName = "networkConfiguration";

    /// <summary>The version of the section this build writes and reads.</summary>
    public const int Version = 1;

    private readonly Dictionary<string, string?> _text = new(StringComparer.Ordinal);
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Address, Dictionary<string, string>? Properties)> _devices = new(StringComparer.Ordinal);
    private readonly List<string> _skipped = [];

    private RecordedNetworkConfigFiles()
    {
    }

    /// <inheritdoc />
    public override bool IsRecorded => true;

    /// <summary>The files the recording names but left out (too large, unreadable), each as <c>path (why)</c>.</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>The section of <paramref name="host"/>, or null when the recording does not carry one (older snapshots, <c>dsc config export</c>).</summary>
    /// <exception cref="DscOffloadException">The section is malformed or of another version (InvalidInput, with its location).</exception>
    public static RecordedNetworkConfigFiles? FromHost(RecordedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Metadata?[SectionName] is not { } token)
        {
            return null;
        }

        if (token is not JObject section || section["version"] is not { Type: JTokenType.Integer } version || version.Value<long>() != Version)
        {
            throw Invalid(host, $"'metadata.DscOffload.{SectionName}' must be an object with \"version\": {Version} (this build reads version {Version})", token);
        }

        var result = new RecordedNetworkConfigFiles();
        foreach (var entry in section["files"] as JArray ?? [])
        {
            if (entry is not JObject file || file["path"] is not { Type: JTokenType.String } path || !path.Value<string>()!.StartsWith('/'))
            {
                throw Invalid(host, "each recorded network configuration file needs an absolute 'path'", entry);
            }

            var name = path.Value<string>()!;
            if (file["text"] is { Type: JTokenType.String } text)
            {
                result._text[name] = text.Value<string>();
            }
            else if (file["masked"] is { Type: JTokenType.Boolean } masked && masked.Value<bool>())
            {
                result._text[name] = null;
                result._masked.Add(name);
            }
            else if (file["skipped"] is { Type: JTokenType.String } why)
            {
                result._text[name] = null;
                result._skipped.Add($"{name} ({why.Value<string>()})");
            }
            else
            {
                throw Invalid(host, $"recorded network configuration file '{name}' needs 'text', 'masked': true or 'skipped'", entry);
            }
        }

        foreach (var device in (section["devices"] as JObject)?.Properties() ?? [])
        {
            if (device.Value is not JObject facts)
            {
                throw Invalid(host, $"the recorded facts of device '{device.Name}' must be an object", device.Value);
            }

            var address = facts["address"]?.Type == JTokenType.String ? facts["address"]!.Value<string>() : null;
            var properties = facts["udev"] is JObject udev
                ? udev.Properties().Where(p => p.Value.Type == JTokenType.String).ToDictionary(p => p.Name, p => p.Value.Value<string>()!, StringComparer.Ordinal)
                : null;
            result._devices[device.Name] = (address, properties);
        }

        return result;
    }

    /// <summary>
    /// What the [Match] evaluation knows of <paramref name="device"/>: the recorded current address and udev properties,
    /// or only its name and permanent address when the recording has no facts for it (then keys that need them stay undecided).
    /// </summary>
    public LinkDeviceFacts FactsOf(LinuxInterface device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return _devices.TryGetValue(device.Name, out var facts)
            ? new LinkDeviceFacts(device.Name, device.PermanentAddress, facts.Address, facts.Properties)
            : LinkDeviceFactsReader.WithoutHost(device);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> FilesIn(string directory, string suffix)
    {
        var trimmed = directory.Length > 1 ? directory.TrimEnd('/') : directory;
        return [.. _text.Keys.Where(p => Path.GetDirectoryName(p) == trimmed && p.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public override string? ReadOrNull(string path) => _text.GetValueOrDefault(path);

    /// <inheritdoc />
    public override bool IsMasked(string path) => _masked.Contains(path);

    /// <inheritdoc />
    /// <remarks>The recording already read each directory once (an alias such as <c>/lib</c> of <c>/usr/lib</c> is left out).</remarks>
    public override string? Identity(string directory) => directory;

    private static DscOffloadException Invalid(RecordedHost host, string message, JToken token) =>
        new(ErrorKind.InvalidInput, message, token.Location(host.SourcePath));
}
