using DscOffload.Core.Adapters;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>
/// The feature changes of one interface in the order the kernel needs them: prerequisites (tx checksumming,
/// scatter-gather) being turned on, with withdrawn requests, in a first request, because the kernel keeps TSO off
/// without them; everything else in a second, retried once when the kernel only recorded it (ETHTOOL_F_WISH).
/// </summary>
internal sealed class FeatureApplyOrder
{
    private readonly Dictionary<string, bool> _first;
    private readonly Dictionary<string, bool> _rest;

    private FeatureApplyOrder(Dictionary<string, bool> first, Dictionary<string, bool> rest)
    {
        _first = first;
        _rest = rest;
    }

    /// <summary>Whether any feature is to change.</summary>
    public bool IsEmpty => _first.Count + _rest.Count == 0;

    /// <summary>The number of features to change.</summary>
    public int Count => _first.Count + _rest.Count;

    /// <summary>Every feature to change, first request first.</summary>
    public IEnumerable<string> Features => _first.Keys.Concat(_rest.Keys);

    /// <summary>The order for the feature differences of <paramref name="comparison"/> under the desired settings <paramref name="desired"/>.</summary>
    public static FeatureApplyOrder Of(AdapterComparison comparison, IReadOnlyList<DesiredSetting> desired)
    {
        var first = WithdrawnRequests(comparison.Snapshot, desired);
        var rest = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var d in comparison.Differences.Where(d => d.Desired.Key.Property == "features"))
        {
            var on = d.Desired.Value.Value<bool>();
            (on && FeatureAliases.IsPrerequisite(d.Desired.Key.Member!) ? first : rest)[d.Desired.Key.Member!] = on;
        }

        return new FeatureApplyOrder(first, rest);
    }

    /// <summary>Sends the requests to <paramref name="devices"/>, adding what the kernel did not do to <paramref name="report"/>.</summary>
    public void Apply(IEthtoolDevices devices, string name, AdapterApplyReport report)
    {
        if (_first.Count > 0)
        {
            Explain(devices.SetFeatures(name, _first), _first, report);
        }

        if (_rest.Count == 0)
        {
            return;
        }

        var result = devices.SetFeatures(name, _rest);
        if (result.Wish)
        {
            // A dependency may have been satisfied by the same request; one retry settles it.
            var again = StillDiffering(devices, name, _rest);
            if (again.Count > 0)
            {
                Explain(devices.SetFeatures(name, again), again, report);
            }
        }
        else
        {
            Explain(result, _rest, report);
        }
    }

    /// <summary>
    /// Features desired off that are off but still requested on (a dependency holds them inactive). They
    /// satisfy the comparison now, but enabling that dependency, here or later, would bring them back, so
    /// their request is withdrawn together with the prerequisites, so that nothing desired off comes back
    /// even for a moment.
    /// </summary>
    private static Dictionary<string, bool> WithdrawnRequests(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> desired)
    {
        var pending = adapter.Extras["pendingFeatures"] is JArray names ? names.Values<string>().ToHashSet(StringComparer.Ordinal) : [];
        var withdrawn = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var d in desired)
        {
            if (d.Key.Property == "features" && d.IsOff && pending.Contains(d.Key.Member!) && adapter.Get(d.Key).Value?.Value<bool>() == false)
            {
                withdrawn[d.Key.Member!] = false;
            }
        }

        return withdrawn;
    }

    private static Dictionary<string, bool> StillDiffering(IEthtoolDevices devices, string name, Dictionary<string, bool> wanted)
    {
        var now = devices.GetFeatures(name);
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (feature, on) in wanted)
        {
            if (now.TryGet(feature, out var state) && state.Active != on)
            {
                result[feature] = on;
            }
        }

        return result;
    }

    private static void Explain(FeatureChangeResult result, Dictionary<string, bool> wanted, AdapterApplyReport report)
    {
        var names = string.Join(", ", wanted.Keys);
        if (result.Wish)
        {
            report.Problems.Add($"the kernel recorded the request for {names} but keeps the active state different (ETHTOOL_F_WISH: a dependency such as tx checksumming or scatter-gather is off, or the device refuses)");
        }

        if (result.SomeUnsupported)
        {
            report.Problems.Add($"some of {names} cannot be changed on this device (ETHTOOL_F_UNSUPPORTED)");
        }
    }
}
