using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Linux.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Resources;

/// <summary>
/// <c>DscOffload.Linux/NetAdapterOffload</c>: kernel features and queue counts per interface over
/// <see cref="IEthtoolDevices"/>. Comparison always uses the active state; a request the kernel records
/// but does not activate is a failure with the reason, never a success.
/// </summary>
public sealed class LinuxNetAdapterOffloadResource : AdapterOffloadResource
{
    private static readonly string[] ChannelKinds = ["rx", "tx", "combined"];
    private readonly IEthtoolDevices _devices;
    private readonly bool _live;

    /// <summary>Binds the resource to a device API (live, recorded or fake).</summary>
    public LinuxNetAdapterOffloadResource(IEthtoolDevices devices, bool live)
        : base(LinuxNetAdapterOffloadDescriptor.Descriptor)
    {
        _devices = devices;
        _live = live;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> SelectionProperties => LinuxNetAdapterOffloadDescriptor.SelectionProperties;

    /// <inheritdoc />
    protected override AdapterSelector ReadSelector(JObject input) => new()
    {
        NamePattern = input["name"]?.Value<string>() ?? "*",
        IgnoreCase = false,
        ExcludePatterns = input["excludeName"] is JArray ex ? ex.Select(e => e.Value<string>()!).ToList() : [],
        IncludeHidden = LinuxNetAdapterOffloadDescriptor.Flag(input, "includeLoopback"),
        AllowNoMatch = LinuxNetAdapterOffloadDescriptor.Flag(input, "allowNoMatch"),
    };

    /// <inheritdoc />
    protected override IReadOnlyList<AdapterCandidate> ListAdapters()
    {
        var result = new List<AdapterCandidate>();
        foreach (var i in _devices.ListInterfaces())
        {
            var identity = new JObject { ["ifindex"] = i.IfIndex };
            if (i.PermanentAddress is not null)
            {
                identity["permanentAddress"] = i.PermanentAddress;
            }

            result.Add(new AdapterCandidate(i.Name, null, i.IsLoopback, identity, i));
        }

        return result;
    }

    /// <inheritdoc />
    protected override AdapterSnapshot Read(AdapterCandidate adapter)
    {
        var features = _devices.GetFeatures(adapter.Name);
        var settings = new List<KeyValuePair<SettingKey, AdapterSetting>>(features.Features.Count + 3);
        var fixedNames = new JArray();
        var pending = new JArray();
        foreach (var f in features.Features)
        {
            var changeable = f.Changeable && !f.NeverChangeable;
            settings.Add(new(new SettingKey("features", f.Name), new AdapterSetting(f.Active, changeable ? SettingSupport.Changeable : SettingSupport.Fixed)));
            if (!changeable)
            {
                fixedNames.Add(f.Name);
            }
            else if (f.Requested != f.Active)
            {
                pending.Add(f.Name);
            }
        }

        var extras = new JObject { ["fixedFeatures"] = fixedNames };
        if (pending.Count > 0)
        {
            extras["pendingFeatures"] = pending;
        }

        if (_devices.GetChannels(adapter.Name) is { } channels)
        {
            var max = new JObject();
            foreach (var kind in ChannelKinds)
            {
                var (current, maximum) = Pick(channels, kind);
                max[kind] = maximum;
                var support = maximum == 0 ? SettingSupport.Absent : SettingSupport.Changeable;
                settings.Add(new(new SettingKey("channels", kind), support == SettingSupport.Absent && current == 0
                    ? AdapterSetting.Absent
                    : new AdapterSetting(current, support)));
            }

            extras["maxChannels"] = max;
        }

        return new AdapterSnapshot(adapter, settings, extras);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<DesiredSetting> ReadDesired(JObject desired, IReadOnlyList<AdapterSnapshot> matched)
    {
        var result = new List<DesiredSetting>();
        var bySource = new Dictionary<string, string>(StringComparer.Ordinal);
        if (desired["features"] is JObject features)
        {
            var known = KnownFeatures(matched);
            foreach (var p in features.Properties())
            {
                var on = p.Value.Value<bool>();
                foreach (var name in Expand(p, known, matched))
                {
                    if (bySource.TryGetValue(name, out var other) && result.First(r => r.Key.Member == name).Value.Value<bool>() != on)
                    {
                        throw new DscOffloadException(ErrorKind.ValidationFailed,
                            $"features '{p.Name}' and '{other}' ask for '{name}' to be both on and off", p.Value.Location());
                    }

                    if (bySource.TryAdd(name, p.Name))
                    {
                        result.Add(new DesiredSetting(new SettingKey("features", name), on, IsOff: !on, p.Value));
                    }
                }
            }
        }

        if (desired["channels"] is JObject channels)
        {
            foreach (var kind in ChannelKinds)
            {
                if (channels[kind] is { Type: JTokenType.Integer } count)
                {
                    result.Add(new DesiredSetting(new SettingKey("channels", kind), count.Value<long>(), IsOff: false, count));
                }
            }
        }

        return result;
    }

    /// <inheritdoc />
    protected override void EnsureCanChange(OperationContext context)
    {
        if (_live && !Environment.IsPrivilegedProcess)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired,
                "changing offload features needs root (CAP_NET_ADMIN); run with sudo; nothing was changed");
        }
    }

    /// <inheritdoc />
    protected override AdapterApplyReport Apply(AdapterComparison comparison, JObject desired, OperationContext context)
    {
        var report = new AdapterApplyReport();
        var name = comparison.Snapshot.Adapter.Name;
        var enableFirst = new Dictionary<string, bool>(StringComparer.Ordinal);
        var rest = new Dictionary<string, bool>(StringComparer.Ordinal);
        ChannelCounts? channels = null;
        foreach (var d in comparison.Differences)
        {
            if (d.Desired.Key.Property == "features")
            {
                var on = d.Desired.Value.Value<bool>();
                (on && FeatureAliases.IsPrerequisite(d.Desired.Key.Member!) ? enableFirst : rest)[d.Desired.Key.Member!] = on;
            }
            else if (d.Desired.Key.Property == "channels")
            {
                channels ??= _devices.GetChannels(name)?.Current;
                if (channels is not null)
                {
                    var n = checked((uint)d.Desired.Value.Value<long>());
                    channels = d.Desired.Key.Member switch
                    {
                        "rx" => channels with { Rx = n },
                        "tx" => channels with { Tx = n },
                        _ => channels with { Combined = n },
                    };
                }
            }
        }

        // Prerequisites (tx checksum, scatter-gather) go first: the kernel keeps TSO off without them.
        if (enableFirst.Count > 0)
        {
            Explain(_devices.SetFeatures(name, enableFirst), enableFirst, report);
        }

        if (rest.Count > 0)
        {
            var result = _devices.SetFeatures(name, rest);
            if (result.Wish)
            {
                // A dependency may have been satisfied by the same request; one retry settles it.
                var again = StillDiffering(name, rest);
                if (again.Count > 0)
                {
                    Explain(_devices.SetFeatures(name, again), again, report);
                }
            }
            else
            {
                Explain(result, rest, report);
            }
        }

        if (channels is not null)
        {
            _devices.SetChannels(name, channels);
        }

        context.Debug($"'{name}': applied {enableFirst.Count + rest.Count} feature change(s){(channels is null ? "" : " and channel counts")}");
        return report;
    }

    private Dictionary<string, bool> StillDiffering(string name, Dictionary<string, bool> wanted)
    {
        var now = _devices.GetFeatures(name);
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (feature, on) in wanted)
        {
            if (now.TryGet(feature, out var state) && state.Active != on)
            {
                result[feature] = on;
            }
        }

        return result;
    }

    private static void Explain(FeatureChangeResult result, Dictionary<string, bool> wanted, AdapterApplyReport report)
    {
        var names = string.Join(", ", wanted.Keys);
        if (result.Wish)
        {
            report.Problems.Add($"the kernel recorded the request for {names} but keeps the active state different (ETHTOOL_F_WISH: a dependency such as tx checksumming or scatter-gather is off, or the device refuses)");
        }

        if (result.SomeUnsupported)
        {
            report.Problems.Add($"some of {names} cannot be changed on this device (ETHTOOL_F_UNSUPPORTED)");
        }
    }

    private static (long Current, long Maximum) Pick(ChannelInfo info, string kind) => kind switch
    {
        "rx" => (info.Current.Rx, info.Maximum.Rx),
        "tx" => (info.Current.Tx, info.Maximum.Tx),
        _ => (info.Current.Combined, info.Maximum.Combined),
    };

    private static HashSet<string>? KnownFeatures(IReadOnlyList<AdapterSnapshot> matched)
    {
        if (matched.Count == 0)
        {
            return null;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in matched)
        {
            foreach (var (key, _) in s.Ordered)
            {
                if (key.Property == "features")
                {
                    known.Add(key.Member!);
                }
            }
        }

        return known;
    }

    private static List<string> Expand(JProperty p, HashSet<string>? known, IReadOnlyList<AdapterSnapshot> matched)
    {
        var pattern = FeatureAliases.PatternOf(p.Name);
        if (pattern is null)
        {
            if (known is not null && !known.Contains(p.Name))
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"unknown feature '{p.Name}': this kernel has no such feature; use a kernel feature name (see 'get') or an alias: {FeatureAliases.Names}",
                    p.Value.Location());
            }

            return [p.Name];
        }

        if (known is null)
        {
            return [];
        }

        // Like ethtool -K, an alias acts on its changeable members; only when none is changeable
        // do the fixed ones count (so "tso: true" on a device without TSO is reported, not ignored).
        var members = known.Where(k => WildcardPattern.Matches(pattern, k, ignoreCase: false)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var changeable = members.Where(m => matched.Any(s => s.Get(new SettingKey("features", m)).Support == SettingSupport.Changeable)).ToList();
        return changeable.Count > 0 ? changeable : members;
    }
}
