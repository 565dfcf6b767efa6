using System.Globalization;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// Writes an <see cref="EngineRun"/> as the JSON <c>dsc config get|test|set</c> prints (export: the configuration
/// document <c>dsc config export</c> prints), with this product's own facts under <c>metadata.DscOffload</c>.
/// The one place that knows the shape; every JSON and YAML output goes through it, except compact JSON, which
/// <see cref="CompactEnvelopeWriter"/> writes as the same text without the tree (a test compares the two).
/// </summary>
internal static class EnvelopeWriter
{
    /// <summary>The envelope of <paramref name="run"/>.</summary>
    public static JObject Write(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Exported is { } exported)
        {
            return new JObject
            {
                ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
                ["contentVersion"] = "1.0.0",
                // dsc's Configuration struct order: executionInformation before metadata and resources.
                ["executionInformation"] = ExecutionInformation(run, []),
                ["metadata"] = Metadata(run, []),
                ["resources"] = new JArray(exported.Select(e => new JObject { ["type"] = e.Type, ["name"] = e.Name, ["properties"] = e.Properties })),
            };
        }

        var restarts = run.Results.SelectMany(r => r.RestartRequired).ToList();
        var envelope = new JObject
        {
            ["executionInformation"] = ExecutionInformation(run, restarts),
            ["metadata"] = Metadata(run, restarts),
            // dsc's result entry always has a result; an instance that failed before giving one is reported in messages.
            ["results"] = new JArray(run.Results.Where(r => r.ActualState is not null || r.Test is not null || r.Set is not null).Select(r => Result(r, run.Info.IsWhatIf))),
            ["messages"] = new JArray(run.Messages.Select(Message)),
            ["hadErrors"] = run.HadErrors,
        };
        if (run.Outputs is { HasValues: true } outputs)
        {
            envelope["outputs"] = outputs.DeepClone();
        }

        return envelope;
    }

    /// <summary>ISO 8601 duration as dsc writes it (<c>PT0.0123S</c>).</summary>
    public static string Duration(TimeSpan elapsed) =>
        "PT" + elapsed.TotalSeconds.ToString("0.#######", CultureInfo.InvariantCulture) + "S";

    /// <summary>dsc's name of a message level.</summary>
    public static string LevelName(MessageLevel level) => level switch
    {
        MessageLevel.Error => "error",
        MessageLevel.Warning => "warning",
        _ => "information",
    };

    /// <summary>dsc's top-level <c>executionInformation</c>: what the run was, when, and the restarts it left to do.</summary>
    private static JObject ExecutionInformation(EngineRun run, IReadOnlyList<RestartRequirement> restarts)
    {
        var info = run.Info;
        var result = new JObject();
        if (info.Timing is { } t)
        {
            result["duration"] = Duration(t.Elapsed);
            result["endDatetime"] = (t.Started + t.Elapsed).ToString("o", CultureInfo.InvariantCulture);
        }

        result["executionType"] = info.IsWhatIf ? "whatIf" : "actual";
        result["operation"] = info.Operation.ToString().ToLowerInvariant();
        if (restarts.Count > 0)
        {
            result["restartRequired"] = new JArray(restarts.Select(r => r.ToJson()));
        }

        if (info.Timing is { } timing)
        {
            result["securityContext"] = timing.Elevated ? "elevated" : "restricted";
            result["startDatetime"] = timing.Started.ToString("o", CultureInfo.InvariantCulture);
            result["version"] = timing.Version;
        }

        return result;
    }

    private static JObject Metadata(EngineRun run, IReadOnlyList<RestartRequirement> restarts)
    {
        var info = run.Info;
        var dsc = new JObject();
        if (info.Timing is { } timing)
        {
            // The version of the engine that produced the result: dscoffload's own (see docs/configuration-language.md).
            dsc["version"] = timing.Version;
        }

        dsc["operation"] = info.Operation.ToString().ToLowerInvariant();
        dsc["executionType"] = info.IsWhatIf ? "whatIf" : "actual";
        if (info.Timing is { } t)
        {
            dsc["startDatetime"] = t.Started.ToString("o", CultureInfo.InvariantCulture);
            dsc["endDatetime"] = (t.Started + t.Elapsed).ToString("o", CultureInfo.InvariantCulture);
            dsc["duration"] = Duration(t.Elapsed);
            dsc["securityContext"] = t.Elevated ? "elevated" : "restricted";
        }

        if (restarts.Count > 0)
        {
            dsc["restartRequired"] = new JArray(restarts.Select(r => r.ToJson()));
        }

        var ours = new JObject
        {
            ["engine"] = "dscoffload",
            ["host"] = info.Host,
            ["target"] = info.IsRecorded ? "recorded" : "live",
        };
        if (info.SnapshotPath is { } snapshot)
        {
            ours["snapshot"] = snapshot;
        }

        ours["document"] = info.DocumentPath;
        if (run.Journal is { } journal)
        {
            ours["journal"] = new JObject { ["id"] = journal.Id, ["file"] = journal.File, ["status"] = journal.Status };
        }

        return new JObject { ["Microsoft.DSC"] = dsc, ["DscOffload"] = ours };
    }

    private static JObject Result(InstanceResult result, bool whatIf)
    {
        var timing = new JObject { ["duration"] = Duration(result.Duration) };
        if (result.Started is { } started)
        {
            timing["endDatetime"] = (started + result.Duration).ToString("o", CultureInfo.InvariantCulture);
            timing["startDatetime"] = started.ToString("o", CultureInfo.InvariantCulture);
        }

        var execution = (JObject)timing.DeepClone();
        if (result.RestartRequired.Count > 0)
        {
            execution["restartRequired"] = new JArray(result.RestartRequired.Select(r => r.ToJson()));
        }

        var metadata = new JObject { ["Microsoft.DSC"] = timing };
        foreach (var p in result.ResourceMetadata?.Properties() ?? [])
        {
            metadata[p.Name] = p.Value;
        }

        var entry = new JObject
        {
            ["executionInformation"] = execution,
            ["metadata"] = metadata,
            ["name"] = new JValue(result.Name).AtIfKnown(result.Location),
            ["type"] = result.Type,
        };
        if (result.ActualState is { } actual)
        {
            entry["result"] = new JObject { ["actualState"] = actual };
        }
        else if (result.Test is { } test)
        {
            entry["result"] = new JObject
            {
                ["desiredState"] = test.DesiredState,
                ["actualState"] = test.ActualState,
                ["inDesiredState"] = test.InDesiredState,
                ["differingProperties"] = new JArray(test.DifferingProperties),
            };
        }
        else if (result.Set is { } set)
        {
            // As dsc: a set that changed nothing reports the desired state as before-state (an actual run) and no
            // changed properties (null, not an empty list).
            entry["result"] = new JObject
            {
                ["beforeState"] = set.ChangedNothing && !whatIf && result.Error is null && result.DesiredState is { } desired ? desired : set.BeforeState,
                ["afterState"] = set.AfterState,
                ["changedProperties"] = set.ChangedNothing ? JValue.CreateNull() : new JArray(set.ChangedProperties),
            };
        }

        return entry;
    }

    private static JObject Message(RunMessage message) => new()
    {
        ["name"] = message.Name,
        ["type"] = message.Type,
        ["message"] = message.Text,
        ["level"] = LevelName(message.Level),
    };
}
