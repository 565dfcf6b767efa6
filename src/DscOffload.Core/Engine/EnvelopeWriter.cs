using System.Globalization;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// Writes an <see cref="EngineRun"/> as the JSON <c>dsc config get|test|set</c> prints (export: the configuration
/// document <c>dsc config export</c> prints), with this product's own facts under <c>metadata.DscOffload</c>.
/// The one place that knows the shape; every JSON and YAML output goes through it.
/// </summary>
public static class EnvelopeWriter
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
                ["metadata"] = Metadata(run),
                ["resources"] = new JArray(exported.Select(e => new JObject { ["type"] = e.Type, ["name"] = e.Name, ["properties"] = e.Properties })),
            };
        }

        var envelope = new JObject
        {
            ["metadata"] = Metadata(run),
            ["results"] = new JArray(run.Results.Select(Result)),
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

    private static JObject Metadata(EngineRun run)
    {
        var info = run.Info;
        var dsc = new JObject();
        if (info.Timing is { } timing)
        {
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

        var ours = new JObject
        {
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

    private static JObject Result(InstanceResult result)
    {
        var metadata = new JObject { ["Microsoft.DSC"] = new JObject { ["duration"] = Duration(result.Duration) } };
        foreach (var p in result.ResourceMetadata?.Properties() ?? [])
        {
            metadata[p.Name] = p.Value;
        }

        var entry = new JObject
        {
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
            entry["result"] = new JObject
            {
                ["beforeState"] = set.BeforeState,
                ["afterState"] = set.AfterState,
                ["changedProperties"] = new JArray(set.ChangedProperties),
            };
        }

        if (result.RestartRequired.Count > 0)
        {
            entry["restartRequired"] = new JArray(result.RestartRequired.Select(r => r.ToJson()));
        }

        if (result.Error is { } error)
        {
            entry["error"] = error;
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
