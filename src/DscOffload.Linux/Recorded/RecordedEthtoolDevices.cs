using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Recorded;
using DscOffload.Linux.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Recorded;

/// <summary>
/// Replays the interfaces of a recorded Linux host (one exported instance per interface) through the
/// same device API the live kernel backend implements, so the resource logic cannot tell them apart.
/// Read-only: any change is refused.
/// </summary>
internal sealed class RecordedEthtoolDevices : IEthtoolDevices
{
    private readonly Dictionary<string, RecordedInstance> _byName = new(StringComparer.Ordinal);
    private readonly List<LinuxInterface> _interfaces = [];
    private readonly string _host;

    /// <summary>Indexes the recorded interfaces of <paramref name="host"/>: its instances of <paramref name="typeName"/>.</summary>
    public RecordedEthtoolDevices(RecordedHost host, string typeName)
    {
        _host = host.HostName;
        foreach (var instance in host.InstancesOf(typeName))
        {
            var p = instance.Properties;
            // An export writes the interface's name escaped (a pattern that matches only it); the interface is the literal.
            var name = p["name"]?.Type == JTokenType.String ? WildcardPattern.Unescape(p["name"]!.Value<string>()!) : instance.Name;
            if (!_byName.TryAdd(name, instance))
            {
                throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"recorded host '{host.HostName}' lists interface '{name}' twice", instance.Location);
            }

            _interfaces.Add(new LinuxInterface(
                name,
                p["ifindex"]?.Type == JTokenType.Integer ? p["ifindex"]!.Value<int>() : 0,
                p["permanentAddress"]?.Type == JTokenType.String ? p["permanentAddress"]!.Value<string>() : null,
                p["includeLoopback"]?.Type == JTokenType.Boolean && p["includeLoopback"]!.Value<bool>()));
        }

        _interfaces.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
    }

    /// <inheritdoc />
    public IReadOnlyList<LinuxInterface> ListInterfaces() => _interfaces;

    /// <inheritdoc />
    public EthtoolFeatureSet GetFeatures(string interfaceName)
    {
        var p = Find(interfaceName).Properties;
        var fixedSet = Names(p["fixedFeatures"]);
        var pending = Names(p["pendingFeatures"]);
        var features = new List<EthtoolFeatureState>();
        if (p["features"] is JObject map)
        {
            foreach (var f in map.Properties())
            {
                if (f.Value.Type != JTokenType.Boolean)
                {
                    throw new DscOffloadException(ErrorKind.InvalidInput,
                        $"recorded feature '{f.Name}' of '{interfaceName}' must be true or false", f.Value.Location());
                }

                var active = f.Value.Value<bool>();
                var isFixed = fixedSet.Contains(f.Name);
                features.Add(new EthtoolFeatureState(f.Name, !isFixed, pending.Contains(f.Name) ? !active : active, active, false));
            }
        }

        return new EthtoolFeatureSet(features);
    }

    /// <inheritdoc />
    public ChannelInfo? GetChannels(string interfaceName)
    {
        var p = Find(interfaceName).Properties;
        if (p["channels"] is not JObject current)
        {
            return null;
        }

        var max = p["maxChannels"] as JObject ?? current;
        return new ChannelInfo(Counts(current), Counts(max));
    }

    /// <inheritdoc />
    public FeatureChangeResult SetFeatures(string interfaceName, IReadOnlyDictionary<string, bool> wanted) => throw ReadOnly();

    /// <inheritdoc />
    public void SetChannels(string interfaceName, ChannelCounts wanted) => throw ReadOnly();

    private RecordedInstance Find(string name) => _byName.TryGetValue(name, out var i)
        ? i
        : throw new DscOffloadException(ErrorKind.NoMatch, $"recorded host '{_host}' has no interface '{name}'");

    private static HashSet<string> Names(JToken? token) =>
        token is JArray a ? a.Where(t => t.Type == JTokenType.String).Select(t => t.Value<string>()!).ToHashSet(StringComparer.Ordinal) : [];

    private static ChannelCounts Counts(JObject o) => new(Count(o, "rx"), Count(o, "tx"), Count(o, "other"), Count(o, "combined"));

    private static uint Count(JObject o, string name)
    {
        if (o[name] is not { Type: JTokenType.Integer } value)
        {
            return 0;
        }

        var count = value.Value<long>();
        return count is >= 0 and <= uint.MaxValue
            ? (uint)count
            : throw new DscOffloadException(ErrorKind.InvalidInput, $"recorded channel count '{name}' must be between 0 and {uint.MaxValue}, not {count}", value.Location());
    }

    private DscOffloadException ReadOnly() =>
        new(ErrorKind.NotAllowed, $"recorded host '{_host}' is read-only; use --what-if to preview changes");
}
