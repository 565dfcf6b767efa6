using System.Globalization;
using System.Text;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// The compact text of <see cref="EnvelopeWriter.Write"/>'s envelope (one JSON Lines entry of a fleet run), written
/// straight from the run instead of building the envelope's token tree first: a fleet writes one per host, and the
/// tree was a tenth of a host's time. The shape is <see cref="EnvelopeWriter"/>'s, property for property; a test
/// compares the two texts. Whatever <see cref="CompactJsonWriter"/> leaves to Newtonsoft (and an export) is written
/// from the tree.
/// </summary>
internal static class CompactEnvelopeWriter
{
    /// <summary>The text of the envelope of <paramref name="run"/>, byte for byte <c>JsonText.Compact(EnvelopeWriter.Write(run))</c>.</summary>
    public static string Write(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // A host of the bundled examples takes about 4,000 characters: one buffer without regrowing for most hosts.
        var text = new StringBuilder(8192);
        return run.Exported is null && TryWrite(run, text) ? text.ToString() : JsonText.Compact(EnvelopeWriter.Write(run));
    }

    private static bool TryWrite(EngineRun run, StringBuilder text)
    {
        var restarts = new List<RestartRequirement>();
        foreach (var result in run.Results)
        {
            restarts.AddRange(result.RestartRequired);
        }

        text.Append("{\"executionInformation\":");
        ExecutionInformation(run.Info, restarts, text);
        text.Append(",\"metadata\":");
        Metadata(run, restarts, text);
        text.Append(",\"results\":[");
        var first = true;
        foreach (var result in run.Results)
        {
            // As EnvelopeWriter: an instance that failed before giving a result is reported in messages only.
            if (result.ActualState is null && result.Test is null && result.Set is null)
            {
                continue;
            }

            if (!first)
            {
                text.Append(',');
            }

            first = false;
            if (!Result(result, run.Info.IsWhatIf, text))
            {
                return false;
            }
        }

        text.Append("],\"messages\":[");
        for (var i = 0; i < run.Messages.Count; i++)
        {
            var message = run.Messages[i];
            text.Append(i == 0 ? "{\"name\":" : ",{\"name\":");
            CompactJsonWriter.AppendString(message.Name, text);
            Property("type", message.Type, text);
            Property("message", message.Text, text);
            Property("level", EnvelopeWriter.LevelName(message.Level), text);
            text.Append('}');
        }

        text.Append("],\"hadErrors\":").Append(run.HadErrors ? "true" : "false");
        if (run.Outputs is { HasValues: true } outputs)
        {
            text.Append(",\"outputs\":");
            if (!CompactJsonWriter.TryAppend(outputs, text))
            {
                return false;
            }
        }

        text.Append('}');
        return true;
    }

    private static void ExecutionInformation(RunInfo info, List<RestartRequirement> restarts, StringBuilder text)
    {
        text.Append('{');
        if (info.Timing is { } t)
        {
            text.Append("\"duration\":");
            CompactJsonWriter.AppendString(EnvelopeWriter.Duration(t.Elapsed), text);
            Property("endDatetime", Time(t.Started + t.Elapsed), text);
            text.Append(',');
        }

        text.Append("\"executionType\":");
        CompactJsonWriter.AppendString(info.IsWhatIf ? "whatIf" : "actual", text);
        Property("operation", Operation(info), text);
        if (restarts.Count > 0)
        {
            text.Append(",\"restartRequired\":");
            Restarts(restarts, text);
        }

        if (info.Timing is { } timing)
        {
            Property("securityContext", timing.Elevated ? "elevated" : "restricted", text);
            Property("startDatetime", Time(timing.Started), text);
            Property("version", timing.Version, text);
        }

        text.Append('}');
    }

    private static void Metadata(EngineRun run, List<RestartRequirement> restarts, StringBuilder text)
    {
        var info = run.Info;
        text.Append("{\"Microsoft.DSC\":{");
        if (info.Timing is { } timing)
        {
            text.Append("\"version\":");
            CompactJsonWriter.AppendString(timing.Version, text);
            text.Append(',');
        }

        text.Append("\"operation\":");
        CompactJsonWriter.AppendString(Operation(info), text);
        Property("executionType", info.IsWhatIf ? "whatIf" : "actual", text);
        if (info.Timing is { } t)
        {
            Property("startDatetime", Time(t.Started), text);
            Property("endDatetime", Time(t.Started + t.Elapsed), text);
            Property("duration", EnvelopeWriter.Duration(t.Elapsed), text);
            Property("securityContext", t.Elevated ? "elevated" : "restricted", text);
        }

        if (restarts.Count > 0)
        {
            text.Append(",\"restartRequired\":");
            Restarts(restarts, text);
        }

        text.Append("},\"DscOffload\":{\"engine\":\"dscoffload\"");
        Property("host", info.Host, text);
        Property("target", info.IsRecorded ? "recorded" : "live", text);
        if (info.SnapshotPath is { } snapshot)
        {
            Property("snapshot", snapshot, text);
        }

        Property("document", info.DocumentPath, text);
        if (run.Journal is { } journal)
        {
            text.Append(",\"journal\":{\"id\":");
            CompactJsonWriter.AppendString(journal.Id, text);
            Property("file", journal.File, text);
            Property("status", journal.Status, text);
            text.Append('}');
        }

        text.Append("}}");
    }

    private static bool Result(InstanceResult result, bool whatIf, StringBuilder text)
    {
        // EnvelopeWriter's timing object: written twice, as executionInformation (with the restarts) and as metadata.
        var timing = new StringBuilder("{\"duration\":");
        CompactJsonWriter.AppendString(EnvelopeWriter.Duration(result.Duration), timing);
        if (result.Started is { } started)
        {
            Property("endDatetime", Time(started + result.Duration), timing);
            Property("startDatetime", Time(started), timing);
        }

        text.Append("{\"executionInformation\":").Append(timing);
        if (result.RestartRequired.Count > 0)
        {
            text.Append(",\"restartRequired\":");
            Restarts(result.RestartRequired, text);
        }

        timing.Append('}');
        text.Append("},\"metadata\":{\"Microsoft.DSC\":");
        // The resource's _metadata follows; a "Microsoft.DSC" of its own takes the place of the timing (a JObject's indexer).
        if (result.ResourceMetadata?["Microsoft.DSC"] is { } replaced)
        {
            if (!CompactJsonWriter.TryAppend(replaced, text))
            {
                return false;
            }
        }
        else
        {
            text.Append(timing);
        }

        foreach (var p in result.ResourceMetadata?.Properties() ?? [])
        {
            if (p.Name == "Microsoft.DSC")
            {
                continue;
            }

            text.Append(',');
            if (!CompactJsonWriter.TryAppend(p, text))
            {
                return false;
            }
        }

        text.Append("},\"name\":");
        CompactJsonWriter.AppendString(result.Name, text);
        Property("type", result.Type, text);
        var ok = true;
        if (result.ActualState is { } actual)
        {
            text.Append(",\"result\":{\"actualState\":");
            ok = State(actual, text);
            text.Append('}');
        }
        else if (result.Test is { } test)
        {
            text.Append(",\"result\":{\"desiredState\":");
            ok = State(test.DesiredState, text);
            text.Append(",\"actualState\":");
            ok = ok && State(test.ActualState, text);
            text.Append(",\"inDesiredState\":").Append(test.InDesiredState ? "true" : "false");
            text.Append(",\"differingProperties\":");
            Strings(test.DifferingProperties, text);
            text.Append('}');
        }
        else if (result.Set is { } set)
        {
            // As EnvelopeWriter (and dsc): a set that changed nothing reports the desired state as before-state.
            text.Append(",\"result\":{\"beforeState\":");
            ok = State(set.ChangedNothing && !whatIf && result.Error is null && result.DesiredState is { } desired ? desired : set.BeforeState, text);
            text.Append(",\"afterState\":");
            ok = ok && State(set.AfterState, text);
            text.Append(",\"changedProperties\":");
            if (set.ChangedNothing)
            {
                text.Append("null");
            }
            else
            {
                Strings(set.ChangedProperties, text);
            }

            text.Append('}');
        }

        text.Append('}');
        return ok;
    }

    /// <summary>A state as the envelope's indexer stores it: a missing one (null) as JSON null.</summary>
    private static bool State(JObject? state, StringBuilder text)
    {
        if (state is null)
        {
            text.Append("null");
            return true;
        }

        return CompactJsonWriter.TryAppend(state, text);
    }

    private static void Restarts(IReadOnlyList<RestartRequirement> restarts, StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < restarts.Count; i++)
        {
            text.Append(i == 0 ? "{" : ",{");
            CompactJsonWriter.AppendString(restarts[i].Kind, text);
            text.Append(':');
            CompactJsonWriter.AppendString(restarts[i].Name, text);
            text.Append('}');
        }

        text.Append(']');
    }

    private static void Strings(IEnumerable<string> values, StringBuilder text)
    {
        text.Append('[');
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            CompactJsonWriter.AppendString(value, text);
        }

        text.Append(']');
    }

    private static void Property(string name, string? value, StringBuilder text)
    {
        text.Append(",\"").Append(name).Append("\":");
        CompactJsonWriter.AppendString(value, text);
    }

    private static string Operation(RunInfo info) => info.Operation.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);
}
