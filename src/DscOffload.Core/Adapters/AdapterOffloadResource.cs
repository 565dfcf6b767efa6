using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// The rules every per-adapter resource shares (DESIGN §2.4), written once: pattern selection,
/// zero-match handling, not-applicable features, aggregation with the <c>adapters</c> detail, set one
/// adapter at a time with verification, stop at the first failure and say exactly what changed, and
/// export one instance per adapter. A platform type supplies only enumeration, reading, the meaning
/// of its properties and the write itself.
/// </summary>
public abstract class AdapterOffloadResource : ISettableResource, IExportableResource
{
    /// <summary>Binds the shared logic to a descriptor.</summary>
    protected AdapterOffloadResource(ResourceDescriptor descriptor) => Descriptor = descriptor;

    /// <inheritdoc />
    public ResourceDescriptor Descriptor { get; }

    /// <summary>Selection properties echoed into output (<c>name</c>, <c>excludeName</c>, …).</summary>
    protected abstract IReadOnlyList<string> SelectionProperties { get; }

    /// <summary>Reads the selection from validated input.</summary>
    protected abstract AdapterSelector ReadSelector(JObject input);

    /// <summary>All adapters of the target, sorted by name.</summary>
    protected abstract IReadOnlyList<AdapterCandidate> ListAdapters();

    /// <summary>Reads every setting of one adapter.</summary>
    protected abstract AdapterSnapshot Read(AdapterCandidate adapter);

    /// <summary>
    /// Turns desired input into settings (expanding aliases, checking names against what the
    /// target knows). <paramref name="matched"/> may be empty.
    /// </summary>
    protected abstract IReadOnlyList<DesiredSetting> ReadDesired(JObject desired, IReadOnlyList<AdapterSnapshot> matched);

    /// <summary>
    /// Writes the changeable differences of one adapter. Called only outside what-if, only when
    /// something differs. The base re-reads and verifies afterwards.
    /// </summary>
    protected abstract AdapterApplyReport Apply(AdapterComparison comparison, JObject desired, OperationContext context);

    /// <summary>Selection properties for an exported instance of exactly this adapter.</summary>
    protected virtual JObject ExportSelection(AdapterSnapshot adapter) => new() { ["name"] = adapter.Adapter.Name };

    /// <summary>Checks preconditions of a live set (privileges) before anything is changed.</summary>
    protected virtual void EnsureCanChange(OperationContext context)
    {
    }

    /// <summary>
    /// Adds to freshly read adapters the settings whose actual value depends on the desired state as well
    /// as on the adapter (Linux: whether the interface's systemd <c>.link</c> file says what is desired), so
    /// that comparison, what-if, verification and the changed-property report treat them like any other
    /// setting. Called in get, test and set once the matched adapters are read, and again after each
    /// adapter is changed, always before anything else looks at the snapshots. <paramref name="settings"/>
    /// is null in get, which has not interpreted the desired state. The default adds nothing.
    /// </summary>
    protected virtual IReadOnlyList<AdapterSnapshot> RelateToDesired(
        IReadOnlyList<AdapterSnapshot> adapters, JObject desired, IReadOnlyList<DesiredSetting>? settings, OperationContext context) => adapters;

    /// <summary>
    /// Adds read-only facts derived from an adapter's settings to its <c>adapters</c> entry (in every
    /// operation, including what-if predictions, so derived facts follow the predicted settings).
    /// The default adds nothing.
    /// </summary>
    protected virtual void DescribeAdapter(JObject entry, AdapterSnapshot adapter)
    {
    }

    /// <inheritdoc />
    public GetOutcome Get(JObject input, OperationContext context)
    {
        var selector = ReadSelector(input);
        var snapshots = RelateToDesired(ReadMatched(selector), input, null, context);
        var state = Echo(input);
        AdapterStateWriter.WriteAggregate(state, snapshots, null, null);
        var adapters = new JArray();
        foreach (var s in snapshots)
        {
            adapters.Add(AdapterEntry(s, null, null));
        }

        state["adapters"] = adapters;
        if (snapshots.Count == 0)
        {
            context.Info($"no adapter matches {selector.Describe()}");
        }

        return new GetOutcome(state);
    }

    /// <inheritdoc />
    public TestOutcome Test(JObject desired, OperationContext context)
    {
        var selector = ReadSelector(desired);
        IReadOnlyList<AdapterSnapshot> snapshots = ReadMatched(selector);
        var settings = ReadDesired(desired, snapshots);
        snapshots = RelateToDesired(snapshots, desired, settings, context);
        var comparisons = snapshots.Select(s => AdapterComparison.Compare(s, settings)).ToList();
        Report(comparisons, context);

        var inDesiredState = comparisons.All(c => c.InDesiredState) && (snapshots.Count > 0 || selector.AllowNoMatch);
        var differing = Differing(comparisons);
        if (snapshots.Count == 0 && !selector.AllowNoMatch)
        {
            context.Warn($"no adapter matches {selector.Describe()}");
            differing = ["name"];
        }

        var actual = SlimState(desired, snapshots, settings, comparisons);
        actual["_inDesiredState"] = inDesiredState;
        return new TestOutcome(NormalizedDesired(desired, settings), actual, inDesiredState, differing);
    }

    /// <inheritdoc />
    public SetOutcome Set(JObject desired, OperationContext context)
    {
        var selector = ReadSelector(desired);
        IReadOnlyList<AdapterSnapshot> snapshots = ReadMatched(selector);
        if (snapshots.Count == 0)
        {
            if (selector.AllowNoMatch)
            {
                context.Info($"no adapter matches {selector.Describe()}; allowNoMatch is set, nothing to do");
                var empty = SlimState(desired, snapshots, [], []);
                return new SetOutcome(empty, (JObject)empty.DeepClone(), [], []);
            }

            throw new DscOffloadException(ErrorKind.NoMatch, $"no adapter matches {selector.Describe()}", desired["name"].Location());
        }

        var settings = ReadDesired(desired, snapshots);
        snapshots = RelateToDesired(snapshots, desired, settings, context);
        var comparisons = snapshots.Select(s => AdapterComparison.Compare(s, settings)).ToList();
        Report(comparisons, context);
        RefuseUnchangeable(comparisons, desired);

        var before = SlimState(desired, snapshots, settings, comparisons);
        if (comparisons.All(c => c.InDesiredState))
        {
            context.Info($"{Descriptor.ShortName} {selector.Describe()}: already in desired state; nothing changed");
            return new SetOutcome(before, (JObject)before.DeepClone(), [], []);
        }

        if (context.WhatIf)
        {
            return Predict(desired, snapshots, settings, comparisons, before, context);
        }

        if (context.ReadOnlyTarget)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed, "recorded state is read-only; use --what-if to preview a set");
        }

        EnsureCanChange(context);
        return ApplyAll(desired, snapshots, settings, comparisons, before, context);
    }

    /// <inheritdoc />
    public IEnumerable<JObject> Export(JObject filter, OperationContext context)
    {
        var all = ListAdapters();
        AdapterSelector? selector = filter["name"] is { Type: JTokenType.String } ? ReadSelector(filter) : null;
        foreach (var adapter in all)
        {
            if (selector is not null && !selector.Matches(adapter))
            {
                continue;
            }

            var s = Read(adapter);
            var state = ExportSelection(s);
            foreach (var p in s.Adapter.Identity.Properties())
            {
                state[p.Name] = p.Value.DeepClone();
            }

            AdapterStateWriter.WriteSettings(state, s.Ordered, null);
            foreach (var p in s.Extras.Properties())
            {
                state[p.Name] = p.Value.DeepClone();
            }

            state["_name"] = adapter.Name;
            yield return state;
        }
    }

    private List<AdapterSnapshot> ReadMatched(AdapterSelector selector)
    {
        var result = new List<AdapterSnapshot>();
        foreach (var adapter in ListAdapters())
        {
            if (selector.Matches(adapter))
            {
                result.Add(Read(adapter));
            }
        }

        return result;
    }

    private JObject Echo(JObject input)
    {
        var state = new JObject();
        foreach (var name in SelectionProperties)
        {
            if (input[name] is { } value && value.Type != JTokenType.Null)
            {
                state[name] = value.DeepClone();
            }
        }

        return state;
    }

    private JObject NormalizedDesired(JObject input, IReadOnlyList<DesiredSetting> settings)
    {
        var state = Echo(input);
        foreach (var p in input.Properties())
        {
            // Non-setting options (restart policy, persistence) are part of what was asked for.
            if (state[p.Name] is null && !IsSettingProperty(p.Name, settings) && !p.Name.StartsWith('_') && p.Value.Type != JTokenType.Null)
            {
                state[p.Name] = p.Value.DeepClone().WithLocationOf(p.Value);
            }
        }

        AdapterStateWriter.WriteDesired(state, settings);
        return state;
    }

    private static bool IsSettingProperty(string name, IReadOnlyList<DesiredSetting> settings)
    {
        foreach (var s in settings)
        {
            if (s.Key.Property == name)
            {
                return true;
            }
        }

        return false;
    }

    private JObject SlimState(JObject input, IReadOnlyList<AdapterSnapshot> snapshots, IReadOnlyList<DesiredSetting> settings, IReadOnlyList<AdapterComparison> comparisons)
    {
        var keys = new HashSet<SettingKey>(settings.Select(s => s.Key));
        var byKey = new Dictionary<SettingKey, DesiredSetting>();
        foreach (var s in settings)
        {
            byKey[s.Key] = s;
        }

        var state = Echo(input);
        AdapterStateWriter.WriteAggregate(state, snapshots, byKey, keys);
        var adapters = new JArray();
        for (var i = 0; i < snapshots.Count; i++)
        {
            adapters.Add(AdapterEntry(snapshots[i], keys, i < comparisons.Count ? comparisons[i] : null));
        }

        state["adapters"] = adapters;
        return state;
    }

    private JObject AdapterEntry(AdapterSnapshot s, ISet<SettingKey>? keys, AdapterComparison? comparison)
    {
        var entry = new JObject { ["name"] = s.Adapter.Name };
        foreach (var p in s.Adapter.Identity.Properties())
        {
            entry[p.Name] = p.Value.DeepClone();
        }

        if (comparison is not null)
        {
            entry["inDesiredState"] = comparison.InDesiredState;
            entry["differingProperties"] = new JArray(comparison.DifferingProperties);
            var unsupported = comparison.Differences.Where(d => !d.CanChange).Select(d => d.Desired.Key.ToString())
                .Concat(comparison.SatisfiedByAbsence.Select(k => k.ToString())).ToList();
            if (unsupported.Count > 0)
            {
                entry["notSupported"] = new JArray(unsupported);
            }
        }

        AdapterStateWriter.WriteSettings(entry, s.Ordered, keys);
        if (keys is null)
        {
            foreach (var p in s.Extras.Properties())
            {
                entry[p.Name] = p.Value.DeepClone();
            }
        }
        else if (s.Extras["restartPending"] is { } pending)
        {
            entry["restartPending"] = pending.DeepClone();
        }

        DescribeAdapter(entry, s);
        return entry;
    }

    private static List<string> Differing(IEnumerable<AdapterComparison> comparisons)
    {
        var names = new List<string>();
        foreach (var c in comparisons)
        {
            foreach (var p in c.DifferingProperties)
            {
                if (!names.Contains(p))
                {
                    names.Add(p);
                }
            }
        }

        return names;
    }

    private static void Report(IEnumerable<AdapterComparison> comparisons, OperationContext context)
    {
        foreach (var c in comparisons)
        {
            foreach (var key in c.SatisfiedByAbsence)
            {
                context.Info($"'{c.Snapshot.Adapter.Name}' does not support {key}; desired off is satisfied");
            }

            foreach (var d in c.Differences)
            {
                if (d.Support == SettingSupport.Absent)
                {
                    context.Warn($"'{c.Snapshot.Adapter.Name}' does not support {d.Desired.Key}; it cannot be {d.Desired.Value.ToString(Newtonsoft.Json.Formatting.None)}");
                }
                else if (d.Support == SettingSupport.Fixed)
                {
                    context.Warn($"'{c.Snapshot.Adapter.Name}' has {d.Desired.Key} fixed at {d.Actual?.ToString(Newtonsoft.Json.Formatting.None)}; it cannot be changed");
                }
            }
        }
    }

    private static void RefuseUnchangeable(IEnumerable<AdapterComparison> comparisons, JObject desired)
    {
        foreach (var c in comparisons)
        {
            var blocked = c.Differences.Where(d => !d.CanChange).ToList();
            if (blocked.Count > 0)
            {
                var what = string.Join(", ", blocked.Select(b => b.Support == SettingSupport.Absent
                    ? $"{b.Desired.Key} (not supported)"
                    : $"{b.Desired.Key} (fixed at {b.Actual?.ToString(Newtonsoft.Json.Formatting.None)})"));
                throw new DscOffloadException(ErrorKind.NotSupported,
                    $"'{c.Snapshot.Adapter.Name}' cannot reach the desired state: {what}; nothing was changed",
                    blocked[0].Desired.Source.Location() ?? desired.Location());
            }
        }
    }

    private SetOutcome Predict(JObject desired, IReadOnlyList<AdapterSnapshot> snapshots, IReadOnlyList<DesiredSetting> settings,
        IReadOnlyList<AdapterComparison> comparisons, JObject before, OperationContext context)
    {
        var predicted = new List<AdapterSnapshot>(snapshots.Count);
        var afterComparisons = new List<AdapterComparison>(snapshots.Count);
        var whatIf = new JArray();
        foreach (var c in comparisons)
        {
            var values = c.Snapshot.Ordered.ToDictionary(kv => kv.Key, kv => kv.Value);
            foreach (var d in c.Differences)
            {
                values[d.Desired.Key] = new AdapterSetting(d.Desired.Value.DeepClone(), d.Support);
                whatIf.Add($"'{c.Snapshot.Adapter.Name}': {d.Desired.Key} {Show(d.Actual)} -> {Show(d.Desired.Value)}");
            }

            var order = c.Snapshot.Ordered.Select(kv => kv.Key).Concat(c.Differences.Select(d => d.Desired.Key)).Distinct()
                .Select(k => new KeyValuePair<SettingKey, AdapterSetting>(k, values[k])).ToList();
            var after = new AdapterSnapshot(c.Snapshot.Adapter, order, c.Snapshot.Extras);
            predicted.Add(after);
            afterComparisons.Add(AdapterComparison.Compare(after, settings));
        }

        foreach (var line in whatIf)
        {
            context.Info($"what-if: {line}");
        }

        var afterState = SlimState(desired, predicted, settings, afterComparisons);
        afterState["_metadata"] = new JObject { ["whatIf"] = whatIf };
        return new SetOutcome(before, afterState, Differing(comparisons), []);
    }

    private SetOutcome ApplyAll(JObject desired, IReadOnlyList<AdapterSnapshot> snapshots, IReadOnlyList<DesiredSetting> settings,
        IReadOnlyList<AdapterComparison> comparisons, JObject before, OperationContext context)
    {
        var afterSnapshots = snapshots.ToList();
        var afterComparisons = comparisons.ToList();
        var changed = new List<string>();
        var changedAdapters = new List<string>();
        for (var i = 0; i < comparisons.Count; i++)
        {
            var c = comparisons[i];
            if (c.InDesiredState)
            {
                continue;
            }

            AdapterApplyReport? report = null;
            AdapterSnapshot after;
            try
            {
                report = Apply(c, desired, context);
                after = RelateToDesired([Read(c.Snapshot.Adapter)], desired, settings, context)[0];
            }
            catch (DscOffloadException e) when (e is not PartialApplyException)
            {
                // Whatever the platform managed before failing (or before the read-back failed) must be reported, so re-read.
                var partial = TryRead(c.Snapshot.Adapter, desired, settings, context);
                if (partial is not null)
                {
                    if (e is AdapterApplyException { Report.RestartPending: true })
                    {
                        partial.Extras["restartPending"] = true;
                    }

                    afterSnapshots[i] = partial;
                    afterComparisons[i] = AdapterComparison.Compare(partial, settings);
                    if (ChangedKeys(c.Snapshot, partial, settings).Count > 0)
                    {
                        changedAdapters.Add(c.Snapshot.Adapter.Name);
                        AddRange(changed, ChangedKeys(c.Snapshot, partial, settings));
                    }
                }
                else if (report is not null)
                {
                    // The platform made the change but it cannot be read back: say so instead of claiming nothing changed.
                    changedAdapters.Add($"{c.Snapshot.Adapter.Name} (state unknown: it could not be read back)");
                    AddRange(changed, c.Differences.Select(d => d.Desired.Key.ToString()));
                }

                throw Stop(e.Message, e, changedAdapters, desired, before, afterSnapshots, settings, afterComparisons, changed);
            }

            if (report.RestartPending)
            {
                after.Extras["restartPending"] = true;
            }

            var verified = AdapterComparison.Compare(after, settings);
            afterSnapshots[i] = after;
            afterComparisons[i] = verified;
            var keys = ChangedKeys(c.Snapshot, after, settings);
            if (keys.Count > 0)
            {
                changedAdapters.Add(c.Snapshot.Adapter.Name);
                AddRange(changed, keys);
                context.Info($"'{c.Snapshot.Adapter.Name}': changed {string.Join(", ", keys)}{(report.Restarted ? " (adapter restarted)" : "")}");
            }

            if (report.RestartPending)
            {
                context.Warn($"'{c.Snapshot.Adapter.Name}': changes are written but take effect after the adapter restarts (restart is Never)");
            }

            // A pending restart means the written value is not active yet; the platform reports written values then.
            if (!verified.InDesiredState)
            {
                var why = report.Problems.Count > 0 ? "; " + string.Join("; ", report.Problems) : "";
                var what = string.Join(", ", verified.Differences.Select(d => $"{d.Desired.Key} is {Show(d.Actual)}, wanted {Show(d.Desired.Value)}"));
                throw Stop($"'{c.Snapshot.Adapter.Name}': the change did not take effect: {what}{why}", null,
                    changedAdapters, desired, before, afterSnapshots, settings, afterComparisons, changed);
            }
        }

        var afterState = SlimState(desired, afterSnapshots, settings, afterComparisons);
        return new SetOutcome(before, afterState, TopLevel(changed), []);
    }

    private DscOffloadException Stop(string message, DscOffloadException? cause, List<string> changedAdapters, JObject desired, JObject before,
        List<AdapterSnapshot> afterSnapshots, IReadOnlyList<DesiredSetting> settings, List<AdapterComparison> afterComparisons, List<string> changed)
    {
        if (changedAdapters.Count == 0)
        {
            // The platform's error (an interface that vanished, a refused value) keeps its kind and so its exit code.
            return cause is null
                ? new DscOffloadException(ErrorKind.NotSupported, message + "; nothing was changed")
                : new DscOffloadException(cause.Kind, cause.Message + "; nothing was changed", cause.Location, cause);
        }

        var afterState = SlimState(desired, afterSnapshots, settings, afterComparisons);
        var applied = new SetOutcome(before, afterState, TopLevel(changed), []);
        return new PartialApplyException(
            $"{message}; already changed: {string.Join(", ", changedAdapters.Select(a => $"'{a}'"))} ({string.Join(", ", changed)}); " +
            "the rest was not touched; 'dscoffload rollback' restores the state saved before this set",
            applied, cause);
    }

    private AdapterSnapshot? TryRead(AdapterCandidate adapter, JObject desired, IReadOnlyList<DesiredSetting> settings, OperationContext context)
    {
        try
        {
            return RelateToDesired([Read(adapter)], desired, settings, context)[0];
        }
        catch (DscOffloadException)
        {
            return null;
        }
    }

    /// <summary>
    /// The settings that changed, within the properties the document asked for. A change can show up under
    /// another property too (on Windows a typed setting and the NDIS keyword behind it, which
    /// <c>advancedProperties</c> also lists, are one registry value); reporting it there would name a
    /// property the document never mentioned and that the output state does not carry.
    /// </summary>
    private static List<string> ChangedKeys(AdapterSnapshot before, AdapterSnapshot after, IReadOnlyList<DesiredSetting> settings)
    {
        var asked = new HashSet<string>(settings.Select(s => s.Key.Property), StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in after.Ordered)
        {
            if (asked.Contains(key.Property) && !JsonValues.Same(before.Get(key).Value, value.Value))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    private static List<string> TopLevel(IEnumerable<string> keys)
    {
        var names = new List<string>();
        foreach (var k in keys)
        {
            var dot = k.IndexOf('.', StringComparison.Ordinal);
            var top = dot < 0 ? k : k[..dot];
            if (!names.Contains(top))
            {
                names.Add(top);
            }
        }

        return names;
    }

    private static void AddRange(List<string> target, IEnumerable<string> items)
    {
        foreach (var i in items)
        {
            if (!target.Contains(i))
            {
                target.Add(i);
            }
        }
    }

    private static string Show(JToken? value) => value is null ? "absent" : value.ToString(Newtonsoft.Json.Formatting.None);
}
