using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// Turns one host's <see cref="EngineRun"/> into a <see cref="HostDriftReport"/> straight from its typed results:
/// a test compares desired with actual state, a set (what-if) the predicted after-state with the before-state.
/// The state objects are the engine's own, so the document locations on them survive into the report.
/// </summary>
public static class EngineRunReader
{
    /// <summary>Reads <paramref name="run"/>.</summary>
    public static HostDriftReport Read(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var info = run.Info;
        var documentStart = new SourceLocation(info.DocumentPath, 1, 1);
        var instances = run.Results.Select(r => Outcome(info.Host, r, r.Location ?? documentStart)).ToList();
        var messages = run.Messages.Select(m => new ResultMessage(m.Name, m.Type, EnvelopeWriter.LevelName(m.Level), m.Text)).ToList();
        var runInfo = new HostRunInfo(
            info.DocumentPath,
            info.IsRecorded ? "recorded" : "live",
            info.SnapshotPath,
            info.Operation.ToString().ToLowerInvariant(),
            info.IsWhatIf,
            info.Timing?.Started.ToString("o", CultureInfo.InvariantCulture),
            info.Timing?.Elapsed);
        return new HostDriftReport(info.Host, runInfo, instances, messages, run.HadErrors);
    }

    private static InstanceOutcome Outcome(string host, InstanceResult result, SourceLocation location)
    {
        var context = new ItemContext(host, result.Name, result.Type, location);
        if (result.Error is { } error)
        {
            return new InstanceOutcome(result.Name, result.Type, InstanceStatus.Failed, [], error, location, result.Duration);
        }

        if (result.Test is { } test)
        {
            return DriftComparison.Outcome(context, test.DesiredState, test.ActualState, new JArray(test.DifferingProperties), !test.InDesiredState, result.Duration);
        }

        if (result.Set is { } set)
        {
            return DriftComparison.Outcome(context, set.AfterState, set.BeforeState, new JArray(set.ChangedProperties), set.ChangedProperties.Count > 0, result.Duration);
        }

        // A get result: nothing to compare against.
        return DriftComparison.InDesiredState(context, result.Duration);
    }
}
