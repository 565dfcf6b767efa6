using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Linux.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>
/// The queue counts (<c>channels</c>) of an interface: how they are read into settings, which desired counts
/// are refused before anything changes, and the counts a set writes.
/// </summary>
internal static class ChannelRequests
{
    /// <summary>The channel kinds, in documented order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["rx", "tx", "combined"];

    /// <summary>Adds the channel settings of <paramref name="channels"/> to <paramref name="settings"/> and returns the maximums.</summary>
    public static JObject Read(ChannelInfo channels, List<KeyValuePair<SettingKey, AdapterSetting>> settings)
    {
        var max = new JObject();
        foreach (var kind in Kinds)
        {
            var (current, maximum) = Pick(channels, kind);
            max[kind] = maximum;
            var support = maximum == 0 ? SettingSupport.Absent : SettingSupport.Changeable;
            settings.Add(new(new SettingKey("channels", kind), support == SettingSupport.Absent && current == 0
                ? AdapterSetting.Absent
                : new AdapterSetting(current, support)));
        }

        return max;
    }

    /// <summary>The desired channel settings of <paramref name="channels"/>, refused when a matched interface cannot take them.</summary>
    /// <exception cref="DscOffloadException"><c>ValidationFailed</c>: a count above the maximum or one that leaves no queue.</exception>
    public static List<DesiredSetting> Desired(JObject channels, IReadOnlyList<AdapterSnapshot> matched)
    {
        var result = new List<DesiredSetting>();
        foreach (var kind in Kinds)
        {
            if (channels[kind] is { Type: JTokenType.Integer } count)
            {
                RefuseAboveMaximum(kind, count, matched);
                result.Add(new DesiredSetting(new SettingKey("channels", kind), count.Value<long>(), IsOff: false, count));
            }
        }

        RefuseChannelsWithoutQueues(channels, matched);
        return result;
    }

    /// <summary>
    /// The counts to write for the channel differences of <paramref name="comparison"/>, starting from the
    /// current ones (read through <paramref name="current"/> only when a count differs); null when none differs
    /// or the device has no channels.
    /// </summary>
    public static ChannelCounts? ToWrite(AdapterComparison comparison, Func<ChannelCounts?> current)
    {
        ChannelCounts? channels = null;
        foreach (var d in comparison.Differences.Where(d => d.Desired.Key.Property == "channels"))
        {
            channels ??= current();
            if (channels is null)
            {
                continue;
            }

            var n = checked((uint)d.Desired.Value.Value<long>());
            channels = d.Desired.Key.Member switch
            {
                "rx" => channels with { Rx = n },
                "tx" => channels with { Tx = n },
                _ => channels with { Combined = n },
            };
        }

        return channels;
    }

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

    private static (long Current, long Maximum) Pick(ChannelInfo info, string kind) => kind switch
    {
        "rx" => (info.Current.Rx, info.Maximum.Rx),
        "tx" => (info.Current.Tx, info.Maximum.Tx),
        _ => (info.Current.Combined, info.Maximum.Combined),
    };
}
