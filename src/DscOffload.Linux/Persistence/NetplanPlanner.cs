using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Linux.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Turns what <c>persist: Netplan</c> asks for one interface into netplan offload keys, or refuses with every reason at
/// once before anything changes. netplan renders its keys into a systemd <c>.link</c> file, so what a <c>.link</c> file
/// cannot express (<see cref="SystemdLinkMapping"/>) netplan cannot either; on top of that netplan has keys for only
/// seven of the <c>.link</c> feature keys and none for queue counts.
/// </summary>
internal static class NetplanPlanner
{
    /// <summary>netplan key → value for <paramref name="adapter"/>'s changeable desired features, in netplan's key order.</summary>
    /// <exception cref="DscOffloadException">Something cannot be expressed (ValidationFailed, naming it and why).</exception>
    public static IReadOnlyList<KeyValuePair<string, bool>> Map(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired)
    {
        var (features, channels) = SystemdLinkPlanner.Wanted(adapter, settings);
        var device = (LinuxInterface)adapter.Adapter.Handle;
        var result = SystemdLinkMapping.Map(device, features, SystemdLinkChannels.None, SystemdLinkPlanner.FeatureSetOf(adapter));

        // The name rule of the mapping is about how a .link file of dscoffload's would match; netplan's definition does the matching here.
        var reasons = result.Unexpressible.Where(u => u.Setting != "name").ToList();
        foreach (var (feature, _) in features.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (SystemdLinkKeys.ForFeature(feature) is { } key && NetplanOffloadKeys.ForLinkKey(key.Key) is null)
            {
                reasons.Add(new UnexpressibleSetting(feature, $"netplan has no key for it (systemd's {key.Key}=); netplan's offload keys are {NetplanOffloadKeys.Names}"));
            }
        }

        foreach (var (field, count) in new[] { ("channels.rx", channels.Rx), ("channels.tx", channels.Tx), ("channels.combined", channels.Combined) })
        {
            if (count is not null)
            {
                reasons.Add(new UnexpressibleSetting(field, "netplan has no key for queue counts"));
            }
        }

        if (reasons.Count > 0)
        {
            var why = string.Join("; ", reasons.Select(u => $"{u.Setting}: {u.Reason}"));
            var first = reasons[0].Setting;
            var at = settings.FirstOrDefault(s => s.Key.Member == first || s.Key.ToString() == first)?.Source.Location()
                ?? desired["persist"].Location();
            throw new DscOffloadException(ErrorKind.ValidationFailed,
                $"persist Netplan cannot express the desired state of '{device.Name}': {why}; nothing was changed", at);
        }

        var switches = result.Settings!.FeatureSwitches;
        return [.. NetplanOffloadKeys.All.Where(k => switches.ContainsKey(k.Link)).Select(k => new KeyValuePair<string, bool>(k.Netplan, switches[k.Link]))];
    }
}
