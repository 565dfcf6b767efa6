using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// What test and set tell the user about the differences they found, before anything is changed: which
/// desired settings an adapter lacks or has fixed, and the refusal to start a set that cannot succeed.
/// </summary>
internal static class AdapterDifferenceReport
{
    /// <summary>Informs about desired-off settings satisfied by absence and warns about unreachable ones.</summary>
    public static void Announce(IEnumerable<AdapterComparison> comparisons, OperationContext context)
    {
        foreach (var c in comparisons)
        {
            foreach (var key in c.SatisfiedByAbsence)
            {
                context.Info(c.Snapshot.Get(key).Why is { } why
                    ? $"'{c.Snapshot.Adapter.Name}' {key}: {why}; nothing to turn off, desired off is satisfied"
                    : $"'{c.Snapshot.Adapter.Name}' does not support {key}; desired off is satisfied");
            }

            foreach (var d in c.Differences)
            {
                if (d.Support == SettingSupport.Absent)
                {
                    context.Warn(c.Snapshot.Get(d.Desired.Key).Why is { } why
                        ? $"'{c.Snapshot.Adapter.Name}' {d.Desired.Key}: {why}; it cannot be {JsonValues.Show(d.Desired.Value)}"
                        : $"'{c.Snapshot.Adapter.Name}' does not support {d.Desired.Key}; it cannot be {JsonValues.Show(d.Desired.Value)}");
                }
                else if (d.Support == SettingSupport.Fixed)
                {
                    context.Warn($"'{c.Snapshot.Adapter.Name}' has {d.Desired.Key} fixed at {(d.Actual is null ? null : JsonText.Compact(d.Actual))}; it cannot be changed");
                }
            }
        }
    }

    /// <summary>
    /// Throws before the first write when any adapter cannot reach the desired state, so that a set never
    /// leaves some adapters changed for a goal that was unreachable from the start.
    /// </summary>
    public static void RefuseUnchangeable(IEnumerable<AdapterComparison> comparisons, JObject desired)
    {
        foreach (var c in comparisons)
        {
            var blocked = c.Differences.Where(d => !d.CanChange).ToList();
            if (blocked.Count > 0)
            {
                var what = string.Join(", ", blocked.Select(b => b.Support == SettingSupport.Absent
                    ? c.Snapshot.Get(b.Desired.Key).Why is { } why ? $"{b.Desired.Key} (not supported: {why})" : $"{b.Desired.Key} (not supported)"
                    : $"{b.Desired.Key} (fixed at {(b.Actual is null ? null : JsonText.Compact(b.Actual))})"));
                throw new DscOffloadException(ErrorKind.NotSupported,
                    $"'{c.Snapshot.Adapter.Name}' cannot reach the desired state: {what}; nothing was changed",
                    blocked[0].Desired.Source.Location() ?? desired.Location());
            }
        }
    }

    /// <summary>Top-level property names that differ on any adapter, in first-seen order.</summary>
    public static List<string> DifferingProperties(IEnumerable<AdapterComparison> comparisons)
    {
        var names = new List<string>();
        foreach (var c in comparisons)
        {
            foreach (var p in c.DifferingProperties)
            {
                if (!names.Contains(p))
                {
                    names.Add(p);
                }
            }
        }

        return names;
    }
}
