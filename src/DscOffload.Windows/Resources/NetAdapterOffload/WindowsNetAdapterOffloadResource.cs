using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Windows.Live;
using DscOffload.Windows.Persistence;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources.NetAdapterOffload;

/// <summary>
/// <c>DscOffload.Windows/NetAdapterOffload</c> over <see cref="IWindowsOffloadPlatform"/>. Writes never
/// restart the adapter by themselves; the restart policy decides whether it is restarted once after
/// all of its changes or left with a pending restart. A write that fails part-way is not followed by a
/// restart: set stops there, and the values already written (exactly those the platform reports) are shown
/// as changed with <c>restartPending</c>, as are all of an adapter's changes when its restart fails.
/// </summary>
/// <remarks>
/// With a <see cref="PendingRestartLedger"/> (the live host), a restart left pending is remembered across runs:
/// under <c>restart: Allowed</c>, an adapter whose restart is pending for settings the instance manages is not in
/// desired state (<c>restartPending</c> differs) until a set restarts it, without writing anything again.
/// </remarks>
internal sealed class WindowsNetAdapterOffloadResource : AdapterOffloadResource
{
    private static readonly SettingKey RestartPendingKey = new("restartPending");
    private readonly IWindowsOffloadPlatform _platform;
    private readonly bool _live;
    private readonly PendingRestartLedger? _pendingRestarts;
    private readonly HashSet<string> _warnedNotOperational = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _warnedRssGroups = new(StringComparer.OrdinalIgnoreCase);
    // The settings of each adapter as read (before any predicted change): which were on.
    private readonly Dictionary<string, Dictionary<string, object>> _readOn = new(StringComparer.OrdinalIgnoreCase);

    // Numeric advanced property ranges per adapter, read with its state, so that test and what-if refuse what set would.
    private readonly Dictionary<string, Dictionary<string, NumericKeywordRange>> _ranges = new(StringComparer.OrdinalIgnoreCase);

    // The host's Windows build, read once: it decides which settings still have an effect (AdapterOffloadSetting.Windows).
    private readonly Lazy<int?> _osBuild;
    private bool _saidBuildUnknown;

    /// <summary>Binds the resource to a platform (live, recorded or fake).</summary>
    /// <param name="platform">The adapters.</param>
    /// <param name="live">True for the running host (changes need elevation).</param>
    /// <param name="pendingRestarts">Where pending restarts are remembered across runs; null: not remembered.</param>
    public WindowsNetAdapterOffloadResource(IWindowsOffloadPlatform platform, bool live, PendingRestartLedger? pendingRestarts = null)
        : base(WindowsNetAdapterOffloadDescriptor.Descriptor)
    {
        _platform = platform;
        _live = live;
        _pendingRestarts = pendingRestarts;
        _osBuild = new Lazy<int?>(platform.ReadOsBuild);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> SelectionProperties => WindowsNetAdapterOffloadDescriptor.SelectionProperties;

    /// <inheritdoc />
    protected override AdapterSelector ReadSelector(JObject input) => new()
    {
        NamePattern = input["name"]?.Value<string>() ?? "*",
        IgnoreCase = true,
        DescriptionPattern = input["interfaceDescription"]?.Type == JTokenType.String ? input["interfaceDescription"]!.Value<string>() : null,
        ExcludePatterns = input["excludeName"] is JArray ex ? ex.Select(e => e.Value<string>()!).ToList() : [],
        IncludeHidden = input["includeHidden"]?.Type == JTokenType.Boolean && input["includeHidden"]!.Value<bool>(),
        AllowNoMatch = input["allowNoMatch"]?.Type == JTokenType.Boolean && input["allowNoMatch"]!.Value<bool>(),
    };

    /// <inheritdoc />
    protected override IReadOnlyList<AdapterCandidate> ListAdapters()
    {
        var adapters = _platform.ListAdapters();
        var candidates = new List<AdapterCandidate>(adapters.Count);
        foreach (var a in adapters)
        {
            candidates.Add(new AdapterCandidate(a.Name, a.InterfaceDescription, a.Hidden,
                new JObject { ["interfaceGuid"] = a.InterfaceGuid, ["interfaceDescription"] = a.InterfaceDescription }, a));
        }

        return candidates;
    }

    /// <inheritdoc />
    protected override AdapterSnapshot Read(AdapterCandidate adapter)
    {
        var state = _platform.ReadAdapter((WindowsAdapterInfo)adapter.Handle);
        // Loops, not LINQ: read for every adapter of every host of a fleet.
        var settings = new List<KeyValuePair<SettingKey, AdapterSetting>>(AdapterOffloadSettings.All.Count + state.AdvancedProperties.Count + 2);
        foreach (var setting in AdapterOffloadSettings.All)
        {
            var name = setting.Name;
            if (state.Settings.TryGetValue(name, out var value))
            {
                JToken token = value switch
                {
                    bool b => b,
                    string s => s,
                    long n => n,
                    _ => throw new DscOffloadException(ErrorKind.Unexpected, $"'{adapter.Name}' reported {name} as {value.GetType().Name}"),
                };
                settings.Add(new(new SettingKey(name), new AdapterSetting(token, SettingSupport.Changeable)));
            }
        }

        var keywords = new List<KeyValuePair<string, string>>(state.AdvancedProperties);
        if (!InOrder(keywords))
        {
            // Stable, as OrderBy was: two keywords equal ignoring case cannot both be in the (case-insensitive) map.
            keywords.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Key, b.Key));
        }

        foreach (var (keyword, value) in keywords)
        {
            settings.Add(new(new SettingKey("advancedProperties", keyword), new AdapterSetting(value, SettingSupport.Changeable)));
        }

        WithoutEffectOnThisBuild(settings);

        var extras = new JObject();
        var handle = (WindowsAdapterInfo)adapter.Handle;
        _ranges[handle.InterfaceGuid] = state.AdvancedPropertyRanges;
        _readOn[handle.InterfaceGuid] = state.Settings;
        if (state.OperationalStates.Count > 0)
        {
            var operational = new JObject();
            foreach (var known in AdapterOperationalStates.All)
            {
                if (state.OperationalStates.TryGetValue(known.Setting, out var value))
                {
                    operational[known.Setting] = value;
                }
            }

            extras["operationalState"] = operational;
        }

        return new AdapterSnapshot(adapter, settings, extras);
    }

    /// <summary>
    /// Adds <c>notOperational</c> to an adapter's entry: each setting the entry shows on that Windows reports not in
    /// effect, with the reason. A predicted entry (what-if) that turns a setting on whose reason was only that the
    /// setting itself was off says nothing, since that reason goes away with the change.
    /// </summary>
    protected override void DescribeAdapter(JObject entry, AdapterSnapshot adapter)
    {
        var notOperational = new JObject();
        foreach (var (setting, because) in NotOperational(adapter, entry))
        {
            notOperational[setting] = because;
        }

        if (notOperational.Count > 0)
        {
            entry["notOperational"] = notOperational;
        }
    }

    /// <summary>
    /// Adds what the ledger knows in get, test and set (not in export: it is a fact of this boot, not a setting to
    /// carry elsewhere): an adapter waiting for a restart shows <c>restartPending: true</c>, and when the desired
    /// state compares it (see <see cref="ReadDesired"/>) the adapter gets the setting <c>restartPending</c>, true only
    /// if some setting this instance manages waits for the restart. Other instances' deferred restarts are left alone.
    /// </summary>
    protected override IReadOnlyList<AdapterSnapshot> RelateToDesired(
        IReadOnlyList<AdapterSnapshot> adapters, JObject desired, IReadOnlyList<DesiredSetting>? settings, OperationContext context)
    {
        WarnNotOperational(adapters, settings, context);
        RssProcessorRange.WarnNumberWithoutGroup(adapters, desired, context, _warnedRssGroups);
        SayBuildUnknown(settings, context);
        if (_pendingRestarts is null)
        {
            return adapters;
        }

        var pending = _pendingRestarts.Pending(out var problem);
        if (problem is not null)
        {
            context.Warn($"pending adapter restarts are unknown: {problem}");
        }

        var compared = settings?.Any(s => s.Key == RestartPendingKey) == true;
        var managed = ManagedNames(settings ?? []);
        var result = new List<AdapterSnapshot>(adapters.Count);
        foreach (var a in adapters)
        {
            var written = pending.GetValueOrDefault(Key(a));
            if (written is not null)
            {
                a.Extras["restartPending"] = true;
            }

            result.Add(!compared ? a : new AdapterSnapshot(a.Adapter,
                [.. a.Ordered.Where(kv => kv.Key != RestartPendingKey),
                 new(RestartPendingKey, new AdapterSetting(written?.Overlaps(managed) == true, SettingSupport.Changeable))],
                a.Extras));
        }

        return result;
    }

    /// <summary>
    /// Makes an exported instance valid input: input may not name a typed setting and the NDIS keyword behind it
    /// (<c>lsoIPv4</c> and its LSO keyword; the write order would decide). The keyword is left out when its text is
    /// exactly what the typed value writes, so the typed setting says it all; otherwise (IPsec offload "1", AH only,
    /// where <c>ipsecOffload: true</c> would write "3") the typed setting is left out and the keyword kept, since it
    /// says more; so for a grouped checksum keyword, which the typed settings cannot write one by one. A recording
    /// reads the one left out back from the other (<c>RecordedWindowsPlatform</c>).
    /// </summary>
    protected override JObject CompleteExport(JObject instance)
    {
        if (instance["advancedProperties"] is not JObject advanced)
        {
            return instance;
        }

        foreach (var typed in AdapterOffloadSettings.All.Where(s => instance[s.Name] is { Type: not JTokenType.Null }))
        {
            foreach (var keyword in advanced.Properties()
                .Where(p => typed.NdisKeywords.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList())
            {
                // A grouped checksum keyword is kept and the typed settings left out: that driver cannot write them one by one.
                if (string.Equals(keyword.Name, typed.NdisKeyword, StringComparison.OrdinalIgnoreCase)
                    && AdapterSettingCodec.SameAsTyped(typed, instance[typed.Name]!, keyword.Value))
                {
                    keyword.Remove();
                }
                else
                {
                    instance.Remove(typed.Name);
                }
            }
        }

        if (advanced.Count == 0)
        {
            instance.Remove("advancedProperties");
        }

        return instance;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<DesiredSetting> ReadDesired(JObject desired, IReadOnlyList<AdapterSnapshot> matched)
    {
        RssProcessorRange.Check(desired, matched);
        var result = new List<DesiredSetting>();
        foreach (var setting in AdapterOffloadSettings.All)
        {
            if (desired[setting.Name] is { } value && value.Type != JTokenType.Null)
            {
                // Profiles, processor numbers and counts have no "off": an adapter without RSS cannot satisfy them.
                var off = setting.IsChecksum ? value.Value<string>() == "Disabled" : setting.IsBoolean && !value.Value<bool>();
                result.Add(new DesiredSetting(new SettingKey(setting.Name), value, off, value));
            }
        }

        if (desired["advancedProperties"] is JObject advanced)
        {
            foreach (var p in advanced.Properties())
            {
                // Keywords are case-insensitive in the registry; match the adapter's spelling so output is stable.
                var keyword = CanonicalKeyword(p.Name, matched);
                CheckRange(keyword, p.Value, matched);
                result.Add(new DesiredSetting(new SettingKey("advancedProperties", keyword), p.Value, p.Value.Value<string>() == "0", p.Value));
            }
        }

        // Only when it matters (restart Allowed, and a matched adapter waits for a restart of settings this instance
        // manages), so that desired state and output stay as written everywhere else.
        var pending = _pendingRestarts is null || desired["restart"]?.Value<string>() == "Never"
            ? null
            : _pendingRestarts.Pending(out _);
        var managed = ManagedNames(result);
        if (pending is not null && matched.Any(a => pending.GetValueOrDefault(Key(a))?.Overlaps(managed) == true))
        {
            result.Add(new DesiredSetting(RestartPendingKey, false, IsOff: true, (JToken?)desired["restart"] ?? desired));
        }

        return result;
    }

    /// <inheritdoc />
    protected override void EnsureCanChange(OperationContext context)
    {
        if (_live && !Environment.IsPrivilegedProcess)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired,
                "changing adapter offloads needs an elevated (administrator) process; nothing was changed");
        }
    }

    /// <inheritdoc />
    protected override AdapterApplyReport Apply(AdapterComparison comparison, JObject desired, OperationContext context)
    {
        var adapter = (WindowsAdapterInfo)comparison.Snapshot.Adapter.Handle;
        var change = new WindowsAdapterChange();
        foreach (var d in comparison.Differences)
        {
            if (d.Desired.Key == RestartPendingKey)
            {
                // Nothing to write: the restart below is the change.
                continue;
            }

            if (d.Desired.Key.Property == "advancedProperties")
            {
                change.AdvancedProperties[d.Desired.Key.Member!] = d.Desired.Value.Value<string>()!;
            }
            else
            {
                change.Settings[d.Desired.Key.Property] = d.Desired.Value.Type switch
                {
                    JTokenType.Boolean => d.Desired.Value.Value<bool>(),
                    JTokenType.Integer => d.Desired.Value.Value<long>(),
                    _ => d.Desired.Value.Value<string>()!,
                };
            }
        }

        var report = new AdapterApplyReport();
        var writes = change.Settings.Count + change.AdvancedProperties.Count > 0;
        try
        {
            if (writes)
            {
                // Recorded first, so that a run that dies between the write and the restart still leaves the record.
                _pendingRestarts?.Record(adapter, WrittenNames(change));
                _platform.WriteAdapter(adapter, change);
            }
        }
        catch (PartialAdapterWriteException e)
        {
            // Set stops here without restarting: what was written is configured but not yet active.
            throw new AdapterApplyException(e,
                $"{e.Message}; '{adapter.Name}' was not restarted, so what was already written ({Describe(e.Applied)}) takes effect at its next restart",
                new AdapterApplyReport { RestartPending = true });
        }

        if (desired["restart"]?.Value<string>() == "Never")
        {
            report.RestartPending = true;
            return report;
        }

        try
        {
            _platform.RestartAdapter(adapter);
        }
        catch (DscOffloadException e)
        {
            throw new AdapterApplyException(e,
                $"{e.Message}; the changes to '{adapter.Name}' ({Describe(change)}) are written but take effect only after it restarts",
                new AdapterApplyReport { RestartPending = true });
        }

        if (_pendingRestarts is not null && !_pendingRestarts.TryClear(adapter.InterfaceGuid, out var problem))
        {
            context.Warn($"'{adapter.Name}' restarted, but its pending restart could not be forgotten: {problem}; a later set may restart it once more");
        }

        report.Restarted = true;
        return report;
    }

    /// <summary>
    /// Test and set say once per adapter and setting when a setting the document asks to be on is on but Windows
    /// reports it not in effect, so that CI reports show it next to the drift even when nothing drifted.
    /// </summary>
    private void WarnNotOperational(IReadOnlyList<AdapterSnapshot> adapters, IReadOnlyList<DesiredSetting>? settings, OperationContext context)
    {
        if (settings is null)
        {
            return;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in settings)
        {
            if (!s.IsOff && s.Value.Type == JTokenType.Boolean)
            {
                wanted.Add(s.Key.ToString());
            }
        }

        if (wanted.Count == 0)
        {
            // A document that only turns offloads off has nothing to warn about; skipping the per-adapter state keeps
            // fleet runs of such baselines cheap.
            return;
        }

        foreach (var adapter in adapters)
        {
            if (adapter.Extras["operationalState"] is not JObject)
            {
                continue;
            }

            var shown = new JObject();
            AdapterStateWriter.WriteSettings(shown, adapter.Ordered, null);
            foreach (var (setting, because) in NotOperational(adapter, shown))
            {
                if (wanted.Contains(setting) && _warnedNotOperational.Add($"{Key(adapter)}/{setting}"))
                {
                    context.Warn($"'{adapter.Adapter.Name}' {setting}: {because}");
                }
            }
        }
    }

    private IEnumerable<(string Setting, string Because)> NotOperational(AdapterSnapshot adapter, JObject shown)
    {
        if (adapter.Extras["operationalState"] is not JObject states)
        {
            yield break;
        }

        foreach (var state in states.Properties())
        {
            var value = state.Value.Type == JTokenType.String ? state.Value.Value<string>()! : AdapterOperationalStates.NotOperational;
            if (value == AdapterOperationalStates.Operational || shown[state.Name] is not { Type: JTokenType.Boolean } on || !on.Value<bool>())
            {
                continue;
            }

            // Windows reported the state of the setting as it was read; when it was read off, the entry shows a
            // predicted on (what-if), and what Windows said about the off setting does not describe it.
            if (_readOn.TryGetValue(Key(adapter), out var readOn) && readOn.TryGetValue(state.Name, out var read) && read is true)
            {
                yield return (state.Name, $"requested on, not operational because {AdapterOperationalStates.Because(value)}");
            }
        }
    }

    /// <summary>
    /// Replaces every setting that has no effect on this host's Windows build (TCP Chimney from build 16299), and the
    /// NDIS keyword behind it, with an absent setting that says why: desired off is then satisfied with that reason, and
    /// desired on is refused as not supported before any write, as for a feature the adapter lacks. Nothing is written.
    /// </summary>
    private void WithoutEffectOnThisBuild(List<KeyValuePair<SettingKey, AdapterSetting>> settings)
    {
        var build = _osBuild.Value;
        foreach (var setting in AdapterOffloadSettings.All)
        {
            if (setting.Windows.HasEffectOn(build))
            {
                continue;
            }

            var why = setting.Windows.NoEffectBecause!;
            var typed = new SettingKey(setting.Name);
            // The keyword as the driver spells it, so that a desired keyword in another case still finds it.
            var keyword = new SettingKey("advancedProperties", setting.NdisKeyword);
            foreach (var (key, _) in settings)
            {
                if (key.Property == "advancedProperties" && string.Equals(key.Member, setting.NdisKeyword, StringComparison.OrdinalIgnoreCase))
                {
                    keyword = key;
                }
            }

            settings.RemoveAll(kv => kv.Key == typed || kv.Key == keyword);
            settings.Add(new(typed, AdapterSetting.AbsentBecause(why)));
            settings.Add(new(keyword, AdapterSetting.AbsentBecause(why)));
        }
    }

    /// <summary>
    /// Says once, when the host's build is unknown (a recording without <c>osVersion</c>), that the settings the document
    /// names which stop having an effect at some build are compared as read, as before builds were known.
    /// </summary>
    private void SayBuildUnknown(IReadOnlyList<DesiredSetting>? settings, OperationContext context)
    {
        // Not built at all when nobody reads information messages (a fleet without -l info).
        if (settings is null || _saidBuildUnknown || _osBuild.Value is not null || !context.Wants(MessageLevel.Information))
        {
            return;
        }

        var restricted = new List<AdapterOffloadSetting>();
        foreach (var s in AdapterOffloadSettings.All)
        {
            if (s.Windows.RemovedInBuild is not null && Names(settings, s))
            {
                restricted.Add(s);
            }
        }

        if (restricted.Count > 0)
        {
            _saidBuildUnknown = true;
            context.Info($"the Windows build of '{_platform.HostName}' is unknown (a recording without metadata.DscOffload.osVersion, or a host whose Win32_OperatingSystem gave none), so " +
                $"{string.Join(", ", restricted.Select(s => s.Name))} {(restricted.Count == 1 ? "is" : "are")} compared as read; " +
                string.Join("; ", restricted.Select(s => s.Windows.NoEffectBecause).Distinct()));
        }
    }

    // Recordings list the keywords sorted already: checking is cheaper than sorting again.
    private static bool InOrder(List<KeyValuePair<string, string>> keywords)
    {
        for (var i = 1; i < keywords.Count; i++)
        {
            if (StringComparer.OrdinalIgnoreCase.Compare(keywords[i - 1].Key, keywords[i].Key) > 0)
            {
                return false;
            }
        }

        return true;
    }

    // Whether the desired settings name the typed setting or the NDIS keyword behind it.
    private static bool Names(IReadOnlyList<DesiredSetting> settings, AdapterOffloadSetting setting)
    {
        foreach (var d in settings)
        {
            if (d.Key.Property == setting.Name
                || (d.Key.Property == "advancedProperties" && string.Equals(d.Key.Member, setting.NdisKeyword, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses, on every path and before any change, a numeric keyword value outside a matched adapter's documented range.</summary>
    private void CheckRange(string keyword, JToken value, IReadOnlyList<AdapterSnapshot> matched)
    {
        if (value.Type != JTokenType.String)
        {
            return;
        }

        foreach (var adapter in matched)
        {
            if (_ranges.TryGetValue(Key(adapter), out var ranges) && ranges.TryGetValue(keyword, out var range))
            {
                range.Check(adapter.Adapter.Name, keyword, value.Value<string>()!, value.Location());
            }
        }
    }

    private static string Key(AdapterSnapshot adapter) => ((WindowsAdapterInfo)adapter.Adapter.Handle).InterfaceGuid;

    // Setting names as the ledger stores them: lsoIPv4, advancedProperties.*JumboPacket.
    private static HashSet<string> ManagedNames(IEnumerable<DesiredSetting> settings) =>
        settings.Where(s => s.Key != RestartPendingKey).Select(s => s.Key.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> WrittenNames(WindowsAdapterChange change) =>
        change.Settings.Keys.Concat(change.AdvancedProperties.Keys.Select(k => $"advancedProperties.{k}"));

    private static string Describe(WindowsAdapterChange change) => string.Join(", ", WrittenNames(change));

    private static string CanonicalKeyword(string keyword, IReadOnlyList<AdapterSnapshot> matched)
    {
        foreach (var s in matched)
        {
            foreach (var (key, _) in s.Ordered)
            {
                if (key.Property == "advancedProperties" && string.Equals(key.Member, keyword, StringComparison.OrdinalIgnoreCase))
                {
                    return key.Member!;
                }
            }
        }

        return keyword;
    }
}
