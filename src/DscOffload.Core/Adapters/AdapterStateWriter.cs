using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// Turns adapter snapshots into resource state JSON (README.md, "Resource types"): top-level properties carry the
/// value all matched adapters share, or else the value of the first adapter (by name) that differs
/// from desired; the read-only <c>adapters</c> array carries identity and actual values per adapter.
/// </summary>
internal static class AdapterStateWriter
{
    /// <summary>Writes the settings of <paramref name="keys"/> (or all when null) into <paramref name="target"/>.</summary>
    public static void WriteSettings(JObject target, IEnumerable<KeyValuePair<SettingKey, AdapterSetting>> settings, ISet<SettingKey>? keys)
    {
        foreach (var (key, setting) in settings)
        {
            if (setting.Value is null || (keys is not null && !keys.Contains(key)))
            {
                continue;
            }

            Put(target, key, setting.Value.DeepClone());
        }
    }

    /// <summary>Places <paramref name="value"/> at <paramref name="key"/> (creating the map object when needed).</summary>
    public static void Put(JObject target, SettingKey key, JToken value)
    {
        if (key.Member is null)
        {
            target[key.Property] = value;
            return;
        }

        if (target[key.Property] is not JObject map)
        {
            map = [];
            target[key.Property] = map;
        }

        map[key.Member] = value;
    }

    /// <summary>
    /// Aggregates the settings of several adapters (sorted by name) into <paramref name="target"/>.
    /// </summary>
    public static void WriteAggregate(
        JObject target,
        IReadOnlyList<AdapterSnapshot> adapters,
        IReadOnlyDictionary<SettingKey, DesiredSetting>? desired,
        ISet<SettingKey>? keys)
    {
        var order = new List<SettingKey>();
        var seen = new HashSet<SettingKey>();
        foreach (var adapter in adapters)
        {
            foreach (var (key, setting) in adapter.Ordered)
            {
                if (setting.Value is not null && (keys is null || keys.Contains(key)) && seen.Add(key))
                {
                    order.Add(key);
                }
            }
        }

        foreach (var key in order)
        {
            JToken? shared = null;
            JToken? firstDiffering = null;
            var allSame = true;
            foreach (var adapter in adapters)
            {
                var value = adapter.Get(key).Value;
                if (value is null)
                {
                    continue;
                }

                if (shared is null)
                {
                    shared = value;
                }
                else if (!JsonValues.Same(shared, value))
                {
                    allSame = false;
                }

                if (firstDiffering is null && desired is not null && desired.TryGetValue(key, out var d) && !JsonValues.Same(value, d.Value))
                {
                    firstDiffering = value;
                }
            }

            var chosen = allSame ? shared : firstDiffering ?? shared;
            if (chosen is not null)
            {
                Put(target, key, chosen.DeepClone());
            }
        }
    }

    /// <summary>Writes desired settings (normalized, e.g. aliases expanded) keeping each value's document location.</summary>
    public static void WriteDesired(JObject target, IEnumerable<DesiredSetting> desired)
    {
        foreach (var d in desired)
        {
            Put(target, d.Key, d.Value.DeepClone().WithLocationOf(d.Source));
        }
    }
}
