using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Linux.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>
/// Turns the <c>features</c> of a desired state into one desired setting per kernel feature: an ethtool alias
/// becomes the features of this kernel it stands for, an unknown name is refused, and two entries that ask
/// for the same feature both on and off are refused.
/// </summary>
internal static class FeatureExpansion
{
    /// <summary>The desired feature settings of <paramref name="features"/> for the interfaces <paramref name="matched"/>.</summary>
    /// <exception cref="DscOffloadException"><c>ValidationFailed</c> for an unknown feature or a contradiction.</exception>
    public static List<DesiredSetting> Expand(JObject features, IReadOnlyList<AdapterSnapshot> matched)
    {
        var result = new List<DesiredSetting>();
        var bySource = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = KnownFeatures(matched);
        foreach (var p in features.Properties())
        {
            var on = p.Value.Value<bool>();
            foreach (var name in Members(p, known, matched))
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

        return result;
    }

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

    private static List<string> Members(JProperty p, HashSet<string>? known, IReadOnlyList<AdapterSnapshot> matched)
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
