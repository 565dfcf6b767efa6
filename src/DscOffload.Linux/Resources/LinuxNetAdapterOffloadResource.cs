using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Resources;

/// <summary>
/// <c>DscOffload.Linux/NetAdapterOffload</c>: kernel features and queue counts per interface over
/// <see cref="IEthtoolDevices"/>. Comparison always uses the active state; a request the kernel records
/// but does not activate is a failure with the reason, never a success.
/// </summary>
/// <remarks>
/// <c>persist: SystemdLink</c> adds the setting <c>persist</c> to each interface: <c>SystemdLink</c> when its
/// <c>.link</c> file (<see cref="SystemdLinkFile"/>) already says what is desired, <c>None</c> otherwise, so an
/// interface is not in desired state until the file matches; each <c>adapters</c> entry shows it as the
/// read-only <c>persisted</c> (null without <c>persist: SystemdLink</c>). A desired state that a <c>.link</c>
/// file cannot express is a ValidationFailed error in get, test and set alike, before anything is changed,
/// because it is a property of the document rather than of the host. Set writes the file (atomically, only
/// when its content differs) after the kernel state of that interface is verified.
/// </remarks>
public sealed class LinuxNetAdapterOffloadResource : AdapterOffloadResource, IFileWritingResource
{
    /// <summary>
    /// Environment variable naming the directory for <c>.link</c> files instead of
    /// <see cref="SystemdLinkFile.DefaultDirectory"/> (<c>/etc/systemd/network</c>), for example to stage
    /// files for an image or to test.
    /// </summary>
    public const string SystemdNetworkDirectoryVariable = "DSCOFFLOAD_SYSTEMD_NETWORK_DIR";

    private static readonly string[] ChannelKinds = ["rx", "tx", "combined"];
    private readonly IEthtoolDevices _devices;
    private readonly bool _live;
    private readonly SystemdLinkPersistence? _persistence;

    // The desired settings of the running test or set: Apply receives only the differences, but also needs
    // the satisfied ones (a feature that is off as desired yet still requested on) and the persistence check.
    private IReadOnlyList<DesiredSetting> _desired = [];

    /// <summary>Binds the resource to a device API (live, recorded or fake).</summary>
    /// <param name="devices">The interfaces.</param>
    /// <param name="live">True for the running host: changes need root, and <c>.link</c> files are read from and
    /// written to <see cref="SystemdNetworkDirectoryVariable"/> or else <c>/etc/systemd/network</c>.</param>
    /// <param name="linkFiles">Where <c>.link</c> files are; null means the default for a live host and none for
    /// recorded state, whose files are not known (persistence is then validated but not compared).</param>
    public LinuxNetAdapterOffloadResource(IEthtoolDevices devices, bool live, SystemdLinkFile? linkFiles = null)
        : base(LinuxNetAdapterOffloadDescriptor.Descriptor)
    {
        _devices = devices;
        _live = live;
        linkFiles ??= live ? LinkFilesFromEnvironment() : null;
        _persistence = linkFiles is null ? null : new SystemdLinkPersistence(linkFiles);
    }

    /// <summary>The <c>.link</c> store of the live host: <see cref="SystemdNetworkDirectoryVariable"/> when set, else the default directory.</summary>
    public static SystemdLinkFile LinkFilesFromEnvironment() =>
        Environment.GetEnvironmentVariable(SystemdNetworkDirectoryVariable) is { Length: > 0 } directory
            ? new SystemdLinkFile(Path.GetFullPath(directory))
            : new SystemdLinkFile();

    /// <inheritdoc />
    protected override string HiddenSelectionProperty => "includeLoopback";

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
            // A feature fixed off is one the device does not have (off is satisfied, on is not supported);
            // fixed on is present but unchangeable. Either way its value is reported.
            var changeable = f.Changeable && !f.NeverChangeable;
            var support = changeable ? SettingSupport.Changeable : f.Active ? SettingSupport.Fixed : SettingSupport.Absent;
            settings.Add(new(new SettingKey("features", f.Name), new AdapterSetting(f.Active, support)));
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
                    RefuseAboveMaximum(kind, count, matched);
                    result.Add(new DesiredSetting(new SettingKey("channels", kind), count.Value<long>(), IsOff: false, count));
                }
            }

            RefuseChannelsWithoutQueues(channels, matched);
        }

        if (PersistsToSystemdLink(desired) && _persistence is not null)
        {
            result.Add(new DesiredSetting(SystemdLinkPersistence.Key, SystemdLinkPersistence.SystemdLink, IsOff: false, desired["persist"]!));
        }

        return result;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<AdapterSnapshot> RelateToDesired(
        IReadOnlyList<AdapterSnapshot> adapters, JObject desired, IReadOnlyList<DesiredSetting>? settings, OperationContext context)
    {
        if (settings is not null)
        {
            _desired = settings;
        }

        if (!PersistsToSystemdLink(desired) || adapters.Count == 0)
        {
            return adapters;
        }

        settings ??= ReadDesired(desired, adapters);
        var result = new List<AdapterSnapshot>(adapters.Count);
        foreach (var adapter in adapters)
        {
            var wanted = SystemdLinkPlanner.Map(adapter, settings, desired);
            if (_persistence is null)
            {
                context.Info($"'{adapter.Adapter.Name}': recorded state has no systemd .link files; persist SystemdLink is checked for what it can express, not compared");
                result.Add(adapter);
            }
            else
            {
                result.Add(_persistence.Relate(adapter, wanted, context));
            }
        }

        return result;
    }

    /// <summary>
    /// The <c>.link</c> files of the interfaces whose <c>persisted</c> is false in <paramref name="test"/>: set
    /// writes those (once the running state is verified), so the journal saves them first.
    /// </summary>
    public IReadOnlyList<string> FilesSetWillWrite(TestOutcome test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (_persistence is null || test.ActualState["adapters"] is not JArray adapters)
        {
            return [];
        }

        return [.. adapters.OfType<JObject>()
            .Where(a => a["persisted"] is { Type: JTokenType.Boolean } persisted && !persisted.Value<bool>() && a["name"]?.Type == JTokenType.String)
            .Select(a => _persistence.PathFor(a["name"]!.Value<string>()!))];
    }

    /// <inheritdoc />
    protected override void DescribeAdapter(JObject entry, AdapterSnapshot adapter) =>
        entry["persisted"] = adapter.Get(SystemdLinkPersistence.Key).Value is { } persist
            ? persist.Value<string>() == SystemdLinkPersistence.SystemdLink
            : JValue.CreateNull();

    /// <inheritdoc />
    protected override void EnsureCanChange(OperationContext context)
    {
        if (_live && !Environment.IsPrivilegedProcess)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired,
                "changing offload features needs root; run with sudo; nothing was changed");
        }
    }

    /// <inheritdoc />
    protected override AdapterApplyReport Apply(AdapterComparison comparison, JObject desired, OperationContext context)
    {
        var report = new AdapterApplyReport();
        var name = comparison.Snapshot.Adapter.Name;
        _persistence?.EnsureWritableIfNeeded(comparison);
        var first = WithdrawnRequests(comparison.Snapshot);
        var rest = new Dictionary<string, bool>(StringComparer.Ordinal);
        ChannelCounts? channels = null;
        foreach (var d in comparison.Differences)
        {
            if (d.Desired.Key.Property == "features")
            {
                var on = d.Desired.Value.Value<bool>();
                (on && FeatureAliases.IsPrerequisite(d.Desired.Key.Member!) ? first : rest)[d.Desired.Key.Member!] = on;
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

        var before = first.Count + rest.Count > 0 ? _devices.GetFeatures(name) : null;

        // Prerequisites (tx checksum, scatter-gather) go first: the kernel keeps TSO off without them. Withdrawn
        // requests go with them, so that nothing desired off comes back even for a moment.
        if (first.Count > 0)
        {
            Explain(_devices.SetFeatures(name, first), first, report);
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

        if (before is not null && report.Problems.Count > 0)
        {
            PutBackInvisibleRequests(name, before, first.Keys.Concat(rest.Keys), report);
        }

        if (channels is not null)
        {
            _devices.SetChannels(name, channels);
        }

        _persistence?.WriteIfVerified(comparison, () => Read(comparison.Snapshot.Adapter), _desired, report, context);
        context.Debug($"'{name}': applied {first.Count + rest.Count} feature change(s){(channels is null ? "" : " and channel counts")}");
        return report;
    }

    /// <summary>
    /// Features desired off that are off but still requested on (a dependency holds them inactive). They
    /// satisfy the comparison now, but enabling that dependency, here or later, would bring them back, so
    /// their request is withdrawn together with the prerequisites.
    /// </summary>
    private Dictionary<string, bool> WithdrawnRequests(AdapterSnapshot adapter)
    {
        var pending = adapter.Extras["pendingFeatures"] is JArray names ? names.Values<string>().ToHashSet(StringComparer.Ordinal) : [];
        var withdrawn = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var d in _desired)
        {
            if (d.Key.Property == "features" && d.IsOff && pending.Contains(d.Key.Member!) && adapter.Get(d.Key).Value?.Value<bool>() == false)
            {
                withdrawn[d.Key.Member!] = false;
            }
        }

        return withdrawn;
    }

    private static bool PersistsToSystemdLink(JObject desired) =>
        desired["persist"] is { Type: JTokenType.String } persist && persist.Value<string>() == SystemdLinkPersistence.SystemdLink;

    private static void RefuseAboveMaximum(string kind, JToken count, IReadOnlyList<AdapterSnapshot> matched)
    {
        var wanted = count.Value<long>();
        foreach (var s in matched)
        {
            if (s.Extras["maxChannels"]?[kind] is { Type: JTokenType.Integer } max && max.Value<long>() > 0 && wanted > max.Value<long>())
            {
                // A value this host's adapter cannot take is a validation failure of the desired state, like an unknown feature.
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"channels.{kind} {wanted} for '{s.Adapter.Name}' is above its maximum {max.Value<long>()}; nothing was changed", count.Location());
            }
        }
    }

    /// <summary>
    /// When the set of an interface fails, requests it changed without changing the active state are put back: a
    /// request the kernel recorded but did not activate (ETHTOOL_F_WISH), which a later change of its dependency would
    /// act on, and a dormant request this set withdrew. Nobody sees either in the active state, so "nothing was
    /// changed" must hold for them too. What actually changed stays, and is reported as changed.
    /// </summary>
    private void PutBackInvisibleRequests(string name, EthtoolFeatureSet before, IEnumerable<string> features, AdapterApplyReport report)
    {
        var now = _devices.GetFeatures(name);
        var restore = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            if (now.TryGet(feature, out var state) && before.TryGet(feature, out var was) && state.Active == was.Active && state.Requested != was.Requested)
            {
                restore[feature] = was.Requested;
            }
        }

        if (restore.Count == 0)
        {
            return;
        }

        try
        {
            _devices.SetFeatures(name, restore);
        }
        catch (DscOffloadException e)
        {
            report.Problems.Add($"the request for {string.Join(", ", restore.Keys)} could not be put back as it was: {e.Message}");
            return;
        }

        var after = _devices.GetFeatures(name);
        var back = restore.Keys.Where(f => after.TryGet(f, out var state) && state.Requested == restore[f]).ToList();
        var stuck = restore.Keys.Except(back).ToList();
        if (back.Count > 0)
        {
            report.Problems.Add($"the request for {string.Join(", ", back)} was put back as it was");
        }

        if (stuck.Count > 0)
        {
            report.Problems.Add($"the request for {string.Join(", ", stuck)} could not be put back as it was");
        }
    }

    /// <summary>
    /// The kernel refuses channel counts that leave a device without a receive or a transmit queue (with no combined
    /// channels, rx and tx must each be at least 1). Checked here, with the counts not given taken from the device,
    /// so such a document fails validation before anything changes instead of after the features were applied.
    /// </summary>
    private static void RefuseChannelsWithoutQueues(JObject channels, IReadOnlyList<AdapterSnapshot> matched)
    {
        foreach (var s in matched)
        {
            if (s.Extras["maxChannels"] is null)
            {
                continue;
            }

            long Count(string kind) => channels[kind] is { Type: JTokenType.Integer } wanted
                ? wanted.Value<long>()
                : s.Get(new SettingKey("channels", kind)).Value?.Value<long>() ?? 0;

            foreach (var (kind, direction) in (ReadOnlySpan<(string, string)>)[("rx", "receive"), ("tx", "transmit")])
            {
                if (Count(kind) + Count("combined") == 0)
                {
                    throw new DscOffloadException(ErrorKind.ValidationFailed,
                        $"channels would leave '{s.Adapter.Name}' without a {direction} queue ({kind} {Count(kind)}, combined {Count("combined")}); " +
                        $"the kernel needs {kind} or combined to be at least 1; nothing was changed",
                        (channels[kind] ?? channels["combined"] ?? channels).Location());
                }
            }
        }
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
        if (members.Count == 0)
        {
            // An alias this kernel has no feature for (ufo on kernels without UDP fragmentation offload) is a feature
            // the device does not have: desired off is satisfied, desired on is refused, like any absent feature.
            return [p.Name];
        }

        var changeable = members.Where(m => matched.Any(s => s.Get(new SettingKey("features", m)).Support == SettingSupport.Changeable)).ToList();
        return changeable.Count > 0 ? changeable : members;
    }
}
