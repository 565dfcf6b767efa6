using System.Globalization;
using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Linux.Platform;

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
            var p = instance.Values;
            // An export writes the interface's name escaped (a pattern that matches only it); the interface is the literal.
            var name = p.StringOf("name") is { } exported ? WildcardPattern.Unescape(exported) : instance.Name;
            if (!_byName.TryAdd(name, instance))
            {
                throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"recorded host '{host.HostName}' lists interface '{name}' twice", instance.Location);
            }

            _interfaces.Add(new LinuxInterface(
                name,
                // Out of the int range an OverflowException, as reading the token with Value<int>() gave.
                p.TryGet("ifindex", out var index) && index.Kind == RecordedValueKind.Integer ? Convert.ToInt32(index.Integer, CultureInfo.InvariantCulture) : 0,
                p.StringOf("permanentAddress"),
                p.IsTrue("includeLoopback")));
        }

        _interfaces.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
    }

    /// <inheritdoc />
    public IReadOnlyList<LinuxInterface> ListInterfaces() => _interfaces;

    /// <inheritdoc />
    public EthtoolFeatureSet GetFeatures(string interfaceName)
    {
        var p = Find(interfaceName).Values;
        var fixedSet = Names(p, "fixedFeatures");
        var pending = Names(p, "pendingFeatures");
        var features = new List<EthtoolFeatureState>();
        if (p.ObjectOf("features") is { } map)
        {
            for (var i = 0; i < map.Count; i++)
            {
                var (name, value) = (map.NameAt(i), map.ValueAt(i));
                if (value.Kind != RecordedValueKind.Boolean)
                {
                    throw new DscOffloadException(ErrorKind.InvalidInput,
                        $"recorded feature '{name}' of '{interfaceName}' must be true or false", value.Location);
                }

                var active = value.Boolean;
                var isFixed = fixedSet.Contains(name);
                features.Add(new EthtoolFeatureState(name, !isFixed, pending.Contains(name) ? !active : active, active, false));
            }
        }

        return new EthtoolFeatureSet(features);
    }

    /// <inheritdoc />
    public ChannelInfo? GetChannels(string interfaceName)
    {
        var p = Find(interfaceName).Values;
        if (p.ObjectOf("channels") is not { } current)
        {
            return null;
        }

        var max = p.ObjectOf("maxChannels") ?? current;
        return new ChannelInfo(Counts(current), Counts(max));
    }

    /// <inheritdoc />
    public FeatureChangeResult SetFeatures(string interfaceName, IReadOnlyDictionary<string, bool> wanted) => throw ReadOnly();

    /// <inheritdoc />
    public void SetChannels(string interfaceName, ChannelCounts wanted) => throw ReadOnly();

    private RecordedInstance Find(string name) => _byName.TryGetValue(name, out var i)
        ? i
        : throw new DscOffloadException(ErrorKind.NoMatch, $"recorded host '{_host}' has no interface '{name}'");

    private static HashSet<string> Names(RecordedObject o, string name) =>
        o.TryGet(name, out var value) && value.Kind == RecordedValueKind.Array
            ? value.Items.Where(t => t.IsString).Select(t => t.String).ToHashSet(StringComparer.Ordinal)
            : [];

    private static ChannelCounts Counts(RecordedObject o) => new(Count(o, "rx"), Count(o, "tx"), Count(o, "other"), Count(o, "combined"));

    private static uint Count(RecordedObject o, string name)
    {
        if (!o.TryGet(name, out var value) || value.Kind != RecordedValueKind.Integer)
        {
            return 0;
        }

        var count = value.Integer;
        return count is >= 0 and <= uint.MaxValue
            ? (uint)count
            : throw new DscOffloadException(ErrorKind.InvalidInput, $"recorded channel count '{name}' must be between 0 and {uint.MaxValue}, not {count}", value.Location);
    }

    private DscOffloadException ReadOnly() =>
        new(ErrorKind.NotAllowed, $"recorded host '{_host}' is read-only; use --what-if to preview changes");
}
