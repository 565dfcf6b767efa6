using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Turns what <c>persist: NetworkManager</c> asks for one interface into <c>[ethtool]</c> keys, or refuses with every
/// reason at once before anything changes: a profile that leaves out part of the desired state would let it drift at
/// the next activation.
/// </summary>
internal static class NetworkManagerPlanner
{
    /// <summary>
    /// Key (<c>feature-…</c>) → on for the changeable desired features of <paramref name="adapter"/> (aliases expanded).
    /// Features the device cannot change need no key, as for <see cref="SystemdLinkPlanner"/>.
    /// </summary>
    /// <exception cref="DscOffloadException">A feature has no NetworkManager key, or channel counts are desired (ValidationFailed).</exception>
    public static IReadOnlyDictionary<string, bool> Map(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired)
    {
        var keys = new Dictionary<string, bool>(StringComparer.Ordinal);
        var unexpressible = new List<(DesiredSetting Setting, string Reason)>();
        foreach (var d in settings)
        {
            if (adapter.Get(d.Key).Support != SettingSupport.Changeable)
            {
                continue;
            }

            if (d.Key.Property == "features")
            {
                if (NetworkManagerFeatureKeys.KeyFor(d.Key.Member!) is { } key)
                {
                    keys[key] = d.Value.Value<bool>();
                }
                else
                {
                    unexpressible.Add((d, $"{d.Key.Member}: NetworkManager has no ethtool.feature-* key for this feature"));
                }
            }
            else if (d.Key.Property == "channels")
            {
                unexpressible.Add((d, $"channels.{d.Key.Member}: the NetworkManager keys documented for 1.42 have no channel counts"));
            }
        }

        if (unexpressible.Count == 0)
        {
            return keys;
        }

        var at = unexpressible[0].Setting.Source.Location() ?? desired["persist"].Location();
        throw new DscOffloadException(ErrorKind.ValidationFailed,
            $"persist NetworkManager cannot express the desired state of '{adapter.Adapter.Name}': {string.Join("; ", unexpressible.Select(u => u.Reason))}; nothing was changed",
            at);
    }
}
