using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// The what-if answer of a set: the state each adapter would have if every changeable difference were
/// written, with the lines describing each change, computed without touching the target.
/// </summary>
internal static class AdapterChangePrediction
{
    /// <summary>
    /// Predicts the outcome of applying <paramref name="comparisons"/>; the caller has already refused
    /// unreachable differences, so every difference is assumed to take effect.
    /// </summary>
    public static SetOutcome Predict(AdapterStateBuilder state, JObject desired, IReadOnlyList<DesiredSetting> settings,
        IReadOnlyList<AdapterComparison> comparisons, JObject before, OperationContext context)
    {
        var predicted = new List<AdapterSnapshot>(comparisons.Count);
        var afterComparisons = new List<AdapterComparison>(comparisons.Count);
        var whatIf = new JArray();
        foreach (var c in comparisons)
        {
            var after = Changed(c, whatIf);
            predicted.Add(after);
            afterComparisons.Add(AdapterComparison.Compare(after, settings));
        }

        foreach (var line in whatIf)
        {
            context.Info($"what-if: {line}");
        }

        var afterState = state.Slim(desired, predicted, settings, afterComparisons);
        afterState["_metadata"] = new JObject { ["whatIf"] = whatIf };
        return new SetOutcome(before, afterState, AdapterDifferenceReport.DifferingProperties(comparisons), []);
    }

    private static AdapterSnapshot Changed(AdapterComparison c, JArray whatIf)
    {
        var values = c.Snapshot.Ordered.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var d in c.Differences)
        {
            values[d.Desired.Key] = new AdapterSetting(d.Desired.Value.DeepClone(), d.Support);
            whatIf.Add($"'{c.Snapshot.Adapter.Name}': {d.Desired.Key} {JsonValues.Show(d.Actual)} -> {JsonValues.Show(d.Desired.Value)}");
        }

        // Settings the adapter lacked go after the ones it has, so the predicted state reads like a real one.
        var order = c.Snapshot.Ordered.Select(kv => kv.Key).Concat(c.Differences.Select(d => d.Desired.Key)).Distinct()
            .Select(k => new KeyValuePair<SettingKey, AdapterSetting>(k, values[k])).ToList();
        return new AdapterSnapshot(c.Snapshot.Adapter, order, c.Snapshot.Extras);
    }
}
