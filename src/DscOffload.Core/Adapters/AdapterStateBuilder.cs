using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// Builds the state documents of a per-adapter resource (README.md, "Resource types") from snapshots: the selection echoed
/// back, the aggregated top-level settings and the read-only <c>adapters</c> detail. Get shows everything it
/// read; test and set show only what the document asked for, so that their output can be compared with it.
/// </summary>
internal sealed class AdapterStateBuilder
{
    private readonly IReadOnlyList<string> selectionProperties;
    private readonly Action<JObject, AdapterSnapshot> describeAdapter;

    /// <summary>Binds the platform's selection properties and its derived per-adapter facts.</summary>
    public AdapterStateBuilder(IReadOnlyList<string> selectionProperties, Action<JObject, AdapterSnapshot> describeAdapter)
    {
        this.selectionProperties = selectionProperties;
        this.describeAdapter = describeAdapter;
    }

    /// <summary>The state get reports: every setting and extra of every matched adapter.</summary>
    public JObject Full(JObject input, IReadOnlyList<AdapterSnapshot> snapshots)
    {
        var state = Echo(input);
        AdapterStateWriter.WriteAggregate(state, snapshots, null, null);
        var adapters = new JArray();
        foreach (var s in snapshots)
        {
            adapters.Add(Entry(s, null, null));
        }

        state["adapters"] = adapters;
        return state;
    }

    /// <summary>
    /// The state restricted to the desired settings, with each adapter's verdict; <paramref name="comparisons"/>
    /// may be shorter than <paramref name="snapshots"/> (no verdict for the rest).
    /// </summary>
    public JObject Slim(JObject input, IReadOnlyList<AdapterSnapshot> snapshots, IReadOnlyList<DesiredSetting> settings, IReadOnlyList<AdapterComparison> comparisons)
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
            adapters.Add(Entry(snapshots[i], keys, i < comparisons.Count ? comparisons[i] : null));
        }

        state["adapters"] = adapters;
        return state;
    }

    /// <summary>The desired state as test reports it: aliases expanded, document locations kept.</summary>
    public JObject NormalizedDesired(JObject input, IReadOnlyList<DesiredSetting> settings)
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

    /// <summary>
    /// One exported instance: <paramref name="selection"/> (which selects exactly this adapter) completed with
    /// its identity, settings and extras, so that it can be fed back to set unchanged.
    /// </summary>
    public static JObject ExportInstance(JObject selection, AdapterSnapshot s)
    {
        foreach (var p in s.Adapter.Identity.Properties())
        {
            selection[p.Name] = p.Value.DeepClone();
        }

        AdapterStateWriter.WriteSettings(selection, s.Ordered, null);
        foreach (var p in s.Extras.Properties())
        {
            selection[p.Name] = p.Value.DeepClone();
        }

        selection["_name"] = s.Adapter.Name;
        return selection;
    }

    private JObject Echo(JObject input)
    {
        var state = new JObject();
        foreach (var name in selectionProperties)
        {
            if (input[name] is { } value && value.Type != JTokenType.Null)
            {
                state[name] = value.DeepClone();
            }
        }

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

    private JObject Entry(AdapterSnapshot s, ISet<SettingKey>? keys, AdapterComparison? comparison)
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
            // Loops, not Where(...).Select(...): under Native AOT a Select on another operator's result is a generic
            // virtual call that the runtime resolves through its type loader on first use (docs/performance.md).
            var unsupported = new List<string>();
            foreach (var d in comparison.Differences)
            {
                if (!d.CanChange)
                {
                    unsupported.Add(d.Desired.Key.ToString());
                }
            }

            foreach (var k in comparison.SatisfiedByAbsence)
            {
                unsupported.Add(k.ToString());
            }

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
            // Even a slim entry must say that written values are not active yet.
            entry["restartPending"] = pending.DeepClone();
        }

        describeAdapter(entry, s);
        return entry;
    }
}
