using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// The readable offload state of one adapter at one moment: its identity and every setting it
/// reports, keyed by <see cref="SettingKey"/>, in the order the platform reports them.
/// </summary>
internal sealed class AdapterSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    public AdapterSnapshot(AdapterCandidate adapter, IReadOnlyList<KeyValuePair<SettingKey, AdapterSetting>> settings, JObject? extras = null)
    {
        Adapter = adapter;
        Ordered = settings;
        var map = new Dictionary<SettingKey, AdapterSetting>(settings.Count);
        foreach (var (key, value) in settings)
        {
            map[key] = value;
        }

        Settings = map;
        Extras = extras ?? [];
    }

    /// <summary>The adapter.</summary>
    public AdapterCandidate Adapter { get; }

    /// <summary>Settings by key.</summary>
    public IReadOnlyDictionary<SettingKey, AdapterSetting> Settings { get; }

    /// <summary>Settings in platform order (for stable output).</summary>
    public IReadOnlyList<KeyValuePair<SettingKey, AdapterSetting>> Ordered { get; }

    /// <summary>Read-only facts to show per adapter (fixed feature list, channel maximums, restart pending…).</summary>
    public JObject Extras { get; }

    /// <summary>The setting for <paramref name="key"/>, or <see cref="AdapterSetting.Absent"/>.</summary>
    public AdapterSetting Get(SettingKey key) => Settings.TryGetValue(key, out var s) ? s : AdapterSetting.Absent;
}
