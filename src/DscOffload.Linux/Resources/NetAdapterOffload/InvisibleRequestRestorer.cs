using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>
/// When the set of an interface fails, puts back the requests it changed without changing the active state: a
/// request the kernel recorded but did not activate (ETHTOOL_F_WISH), which a later change of its dependency would
/// act on, and a dormant request the set withdrew. Nobody sees either in the active state, so "nothing was
/// changed" must hold for them too. What actually changed stays, and is reported as changed.
/// </summary>
internal static class InvisibleRequestRestorer
{
    /// <summary>
    /// Restores the request of each of <paramref name="features"/> whose active state is as in <paramref name="before"/>
    /// but whose request is not, and says in <paramref name="report"/> whether that worked.
    /// </summary>
    public static void PutBack(IEthtoolDevices devices, string name, EthtoolFeatureSet before, IEnumerable<string> features, AdapterApplyReport report)
    {
        var now = devices.GetFeatures(name);
        var restore = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            if (now.TryGet(feature, out var state) && before.TryGet(feature, out var was) && state.Active == was.Active && state.Requested != was.Requested)
            {
                restore[feature] = was.Requested;
            }
        }

        if (restore.Count == 0)
        {
            return;
        }

        try
        {
            devices.SetFeatures(name, restore);
        }
        catch (DscOffloadException e)
        {
            report.Problems.Add($"the request for {string.Join(", ", restore.Keys)} could not be put back as it was: {e.Message}");
            return;
        }

        var after = devices.GetFeatures(name);
        var back = restore.Keys.Where(f => after.TryGet(f, out var state) && state.Requested == restore[f]).ToList();
        var stuck = restore.Keys.Except(back).ToList();
        if (back.Count > 0)
        {
            report.Problems.Add($"the request for {string.Join(", ", back)} was put back as it was");
        }

        if (stuck.Count > 0)
        {
            report.Problems.Add($"the request for {string.Join(", ", stuck)} could not be put back as it was");
        }
    }
}
