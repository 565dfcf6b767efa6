using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Linux.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Turns what <c>persist: SystemdLink</c> asks for one interface into the <c>.link</c> settings to write,
/// or refuses with every reason at once, before anything is changed: a file that silently leaves out
/// part of the desired state would make the state drift at the next boot without anyone noticing.
/// </summary>
internal static class SystemdLinkPlanner
{
    /// <summary>
    /// The <c>.link</c> settings for <paramref name="adapter"/>: its changeable desired features (aliases
    /// already expanded) and channel counts. Features the device cannot change need no key: the driver
    /// sets them the same way at every boot (and a desired value they cannot have is refused elsewhere).
    /// </summary>
    /// <exception cref="DscOffloadException">Something cannot be expressed (ValidationFailed, naming it and why).</exception>
    public static SystemdLinkSettings Map(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired)
    {
        var (features, channels) = Wanted(adapter, settings);
        var device = (LinuxInterface)adapter.Adapter.Handle;
        var result = SystemdLinkMapping.Map(device, features, channels, FeatureSetOf(adapter));
        if (result.IsExpressible)
        {
            return result.Settings!;
        }

        var why = string.Join("; ", result.Unexpressible.Select(u => $"{u.Setting}: {u.Reason}"));
        var first = result.Unexpressible[0].Setting;
        var at = settings.FirstOrDefault(s => s.Key.Member == first || s.Key.ToString() == first)?.Source.Location()
            ?? desired["persist"].Location();
        throw new DscOffloadException(ErrorKind.ValidationFailed,
            $"persist SystemdLink cannot express the desired state of '{device.Name}': {why}; nothing was changed", at);
    }

    /// <summary>
    /// The changeable desired features (kernel name → on) and channel counts of <paramref name="adapter"/>. Features the
    /// device cannot change need no key: the driver sets them the same way at every boot.
    /// </summary>
    internal static (Dictionary<string, bool> Features, SystemdLinkChannels Channels) Wanted(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings)
    {
        var features = new Dictionary<string, bool>(StringComparer.Ordinal);
        uint? rx = null, tx = null, combined = null;
        foreach (var d in settings)
        {
            if (adapter.Get(d.Key).Support != SettingSupport.Changeable)
            {
                continue;
            }

            if (d.Key.Property == "features")
            {
                features[d.Key.Member!] = d.Value.Value<bool>();
            }
            else if (d.Key.Property == "channels")
            {
                var count = (uint)Math.Clamp(d.Value.Value<long>(), 0, uint.MaxValue);
                switch (d.Key.Member)
                {
                    case "rx":
                        rx = count;
                        break;
                    case "tx":
                        tx = count;
                        break;
                    default:
                        combined = count;
                        break;
                }
            }
        }

        return (features, new SystemdLinkChannels(rx, tx, null, combined));
    }

    /// <summary>The device's features as the mapping needs them (which tx-checksum-* it can change, what is fixed off).</summary>
    internal static EthtoolFeatureSet FeatureSetOf(AdapterSnapshot adapter)
    {
        var states = new List<EthtoolFeatureState>();
        foreach (var (key, setting) in adapter.Ordered)
        {
            if (key.Property == "features" && setting.Value is { Type: JTokenType.Boolean } value)
            {
                var active = value.Value<bool>();
                states.Add(new EthtoolFeatureState(key.Member!, setting.Support == SettingSupport.Changeable, active, active, NeverChangeable: false));
            }
        }

        return new EthtoolFeatureSet(states);
    }
}
