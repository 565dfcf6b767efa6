using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// One live set across the matched adapters (README.md, "Resource types"). Adapters are changed one at a time and each is
/// read back and verified before the next is touched, so that a failure stops the run with a precise account
/// of what was already changed (a <see cref="PartialApplyException"/>) and leaves the rest untouched.
/// </summary>
internal sealed class AdapterSetRun
{
    private readonly AdapterStateBuilder state;
    private readonly JObject desired;
    private readonly IReadOnlyList<DesiredSetting> settings;
    private readonly IReadOnlyList<AdapterComparison> comparisons;
    private readonly JObject before;
    private readonly OperationContext context;
    private readonly Func<AdapterComparison, AdapterApplyReport> apply;
    private readonly Func<AdapterCandidate, AdapterSnapshot> readBack;
    private readonly List<AdapterSnapshot> afterSnapshots;
    private readonly List<AdapterComparison> afterComparisons;
    private readonly List<string> changed = [];
    private readonly List<string> changedAdapters = [];

    /// <summary>
    /// Prepares a run over <paramref name="comparisons"/>. <paramref name="apply"/> writes one adapter's
    /// differences; <paramref name="readBack"/> reads an adapter again as the comparison needs it.
    /// </summary>
    public AdapterSetRun(AdapterStateBuilder state, JObject desired, IReadOnlyList<DesiredSetting> settings,
        IReadOnlyList<AdapterComparison> comparisons, JObject before, OperationContext context,
        Func<AdapterComparison, AdapterApplyReport> apply, Func<AdapterCandidate, AdapterSnapshot> readBack)
    {
        this.state = state;
        this.desired = desired;
        this.settings = settings;
        this.comparisons = comparisons;
        this.before = before;
        this.context = context;
        this.apply = apply;
        this.readBack = readBack;
        afterSnapshots = comparisons.Select(c => c.Snapshot).ToList();
        afterComparisons = comparisons.ToList();
    }

    /// <summary>Changes every adapter that differs; throws at the first one that fails or does not verify.</summary>
    public SetOutcome Run()
    {
        for (var i = 0; i < comparisons.Count; i++)
        {
            if (!comparisons[i].InDesiredState)
            {
                Change(i, comparisons[i]);
            }
        }

        return Applied();
    }

    private void Change(int index, AdapterComparison c)
    {
        AdapterApplyReport? report = null;
        AdapterSnapshot after;
        try
        {
            report = apply(c);
            after = readBack(c.Snapshot.Adapter);
        }
        catch (DscOffloadException e) when (e is not PartialApplyException)
        {
            RecordFailed(index, c, e, report);
            throw Stop(e.Message, e);
        }

        if (report.RestartPending)
        {
            after.Extras["restartPending"] = true;
        }

        var verified = AdapterComparison.Compare(after, settings);
        afterSnapshots[index] = after;
        afterComparisons[index] = verified;
        var waiting = report.RestartPending ? WaitingForRestart(c, verified) : [];
        var keys = ChangedKeys(c.Snapshot, after);
        if (waiting.Count > 0)
        {
            // Written, but not readable as written before the restart: still reported as changed (it was written).
            changedAdapters.Add(c.Snapshot.Adapter.Name);
            AddRange(changed, waiting.Select(d => d.Desired.Key.ToString()));
            context.Warn($"'{c.Snapshot.Adapter.Name}': {string.Join(", ", waiting.Select(d => $"{d.Desired.Key} still reads {JsonValues.Show(d.Actual)}"))} after the write: "
                + "pending restart; the platform may report the active value until the adapter restarts, so the change is written but not verified (restart is Never)");
        }

        if (keys.Count > 0)
        {
            changedAdapters.Add(c.Snapshot.Adapter.Name);
            AddRange(changed, keys);
            context.Info($"'{c.Snapshot.Adapter.Name}': changed {string.Join(", ", keys)}{(report.Restarted ? " (adapter restarted)" : "")}");
        }

        if (report.RestartPending && waiting.Count == 0)
        {
            context.Warn($"'{c.Snapshot.Adapter.Name}': changes are written but take effect after the adapter restarts (restart is Never)");
        }

        // A pending restart means the written value is not active yet. Whether the platform then reads the written or
        // the active value is not documented (Windows), so both are accepted: the written value as verified, the value
        // from before the set as pending (above). Anything else did not take effect.
        if (!verified.InDesiredState && waiting.Count < verified.Differences.Count)
        {
            var why = report.Problems.Count > 0 ? "; " + string.Join("; ", report.Problems) : "";
            var what = string.Join(", ", verified.Differences.Select(d => $"{d.Desired.Key} is {JsonValues.Show(d.Actual)}, wanted {JsonValues.Show(d.Desired.Value)}"));
            throw Stop($"'{c.Snapshot.Adapter.Name}': the change did not take effect: {what}{why}", null);
        }
    }

    /// <summary>
    /// With a restart pending, the differences that still read exactly as before the set: written, but not (yet)
    /// visible. Empty unless every remaining difference is of that kind, so that a mix with a value that changed
    /// to something else still fails verification.
    /// </summary>
    private static List<SettingDifference> WaitingForRestart(AdapterComparison before, AdapterComparison after)
    {
        var unchanged = after.Differences
            .Where(d => d.CanChange && before.Differences.Any(b => b.Desired.Key == d.Desired.Key && JsonValues.Same(b.Actual, d.Actual)))
            .ToList();
        return unchanged.Count == after.Differences.Count ? unchanged : [];
    }

    /// <summary>
    /// Whatever the platform managed before failing (or before the read-back failed) must be reported, so
    /// the adapter is read again; <paramref name="report"/> is set when the write itself succeeded.
    /// </summary>
    private void RecordFailed(int index, AdapterComparison c, DscOffloadException failure, AdapterApplyReport? report)
    {
        var partial = TryReadBack(c.Snapshot.Adapter);
        if (partial is not null)
        {
            if (failure is AdapterApplyException { Report.RestartPending: true })
            {
                partial.Extras["restartPending"] = true;
            }

            afterSnapshots[index] = partial;
            afterComparisons[index] = AdapterComparison.Compare(partial, settings);
            var keys = ChangedKeys(c.Snapshot, partial);
            if (keys.Count > 0)
            {
                changedAdapters.Add(c.Snapshot.Adapter.Name);
                AddRange(changed, keys);
            }
        }
        else if (report is not null)
        {
            // The platform made the change but it cannot be read back: say so instead of claiming nothing changed.
            changedAdapters.Add($"{c.Snapshot.Adapter.Name} (state unknown: it could not be read back)");
            AddRange(changed, c.Differences.Select(d => d.Desired.Key.ToString()));
        }
    }

    private DscOffloadException Stop(string message, DscOffloadException? cause)
    {
        if (changedAdapters.Count == 0)
        {
            // The platform's error (an interface that vanished, a refused value) keeps its kind and so its exit code.
            return cause is null
                ? new DscOffloadException(ErrorKind.NotSupported, message + "; nothing was changed")
                : new DscOffloadException(cause.Kind, cause.Message + "; nothing was changed", cause.Location, cause);
        }

        return new PartialApplyException(
            $"{message}; already changed: {string.Join(", ", changedAdapters.Select(a => $"'{a}'"))} ({string.Join(", ", changed)}); " +
            "the rest was not touched; 'dscoffload rollback' restores the state saved before this set",
            Applied(), cause);
    }

    private SetOutcome Applied() =>
        new(before, state.Slim(desired, afterSnapshots, settings, afterComparisons), TopLevel(changed), []);

    private AdapterSnapshot? TryReadBack(AdapterCandidate adapter)
    {
        try
        {
            return readBack(adapter);
        }
        catch (DscOffloadException)
        {
            return null;
        }
    }

    /// <summary>
    /// The settings that changed, within the properties the document asked for. A change can show up under
    /// another property too (on Windows a typed setting and the NDIS keyword behind it, which
    /// <c>advancedProperties</c> also lists, are one registry value); reporting it there would name a
    /// property the document never mentioned and that the output state does not carry.
    /// </summary>
    private List<string> ChangedKeys(AdapterSnapshot previous, AdapterSnapshot current)
    {
        var asked = new HashSet<string>(settings.Select(s => s.Key.Property), StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in current.Ordered)
        {
            if (asked.Contains(key.Property) && !JsonValues.Same(previous.Get(key).Value, value.Value))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    private static List<string> TopLevel(IEnumerable<string> keys)
    {
        var names = new List<string>();
        foreach (var k in keys)
        {
            var dot = k.IndexOf('.', StringComparison.Ordinal);
            var top = dot < 0 ? k : k[..dot];
            if (!names.Contains(top))
            {
                names.Add(top);
            }
        }

        return names;
    }

    private static void AddRange(List<string> target, IEnumerable<string> items)
    {
        foreach (var i in items)
        {
            if (!target.Contains(i))
            {
                target.Add(i);
            }
        }
    }
}
