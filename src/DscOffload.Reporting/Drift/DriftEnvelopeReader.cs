using XmlConvert = System.Xml.XmlConvert;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// Turns one host's result envelope read from a file (the DSC-shaped JSON the engine writes, one JSON Lines
/// record) into a <see cref="HostDriftReport"/>. Runs of this process are read from their typed results by
/// <see cref="EngineRunReader"/>; both compare states with <see cref="DriftComparison"/>, so every output
/// format reports exactly the same settings with the same values and document lines.
/// </summary>
internal static class DriftEnvelopeReader
{
    /// <summary>The host name used when an envelope does not say which host it is about.</summary>
    public const string UnknownHost = "(unknown host)";

    private const int MaxDepth = DriftComparison.MaxDepth;

    /// <summary>
    /// Reads one envelope. Never throws for odd shapes: a result that cannot be understood is reported as a
    /// failed instance, because a CI report that silently drops a host is worse than one that flags it.
    /// </summary>
    public static HostDriftReport Read(JObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var metadata = envelope["metadata"] as JObject;
        var dsc = ObjectChild(metadata, "Microsoft.DSC");
        var ours = ObjectChild(metadata, "DscOffload");
        var host = DriftComparison.StringOf(ours?["host"]) ?? UnknownHost;
        var document = DriftComparison.StringOf(ours?["document"]);
        var run = new HostRunInfo(
            document,
            DriftComparison.StringOf(ours?["target"]),
            DriftComparison.StringOf(ours?["snapshot"]),
            DriftComparison.StringOf(dsc?["operation"]) ?? "test",
            string.Equals(DriftComparison.StringOf(dsc?["executionType"]), "whatIf", StringComparison.OrdinalIgnoreCase),
            DriftComparison.StringOf(dsc?["startDatetime"]),
            DurationOf(dsc?["duration"]));

        SourceLocation? documentStart = document is null ? null : new SourceLocation(document, 1, 1);
        var instances = new List<InstanceOutcome>();
        if (envelope["results"] is JArray results)
        {
            ReadEntries(results, host, documentStart, instances, 0);
        }

        var hadErrors = envelope["hadErrors"] is JValue { Type: JTokenType.Boolean } flag && (bool)flag;
        var messages = ReadMessages(envelope["messages"] as JArray);
        // An instance that failed before giving a result has no entry in dsc's shape, only an error message naming it.
        foreach (var failed in messages.Where(m => m.Level == "error" && !string.IsNullOrEmpty(m.Instance)
            && !instances.Any(i => i.Name == m.Instance && i.ResourceType == m.ResourceType)))
        {
            instances.Add(new InstanceOutcome(failed.Instance!, failed.ResourceType ?? "(unknown type)", InstanceStatus.Failed, [], failed.Text, documentStart, null));
        }

        return new HostDriftReport(host, run, instances, messages, hadErrors);
    }

    private static void ReadEntries(JArray entries, string host, SourceLocation? documentStart, List<InstanceOutcome> into, int depth)
    {
        foreach (var token in entries)
        {
            if (token is not JObject entry)
            {
                continue;
            }

            var name = DriftComparison.StringOf(entry["name"]) ?? "(unnamed)";
            var type = DriftComparison.StringOf(entry["type"]) ?? "(unknown type)";
            var location = entry["name"].Location() ?? entry.Location() ?? documentStart;
            var duration = DurationOf(ObjectChild(entry["metadata"], "Microsoft.DSC"));
            var error = entry["error"];
            if (error is not null && error.Type != JTokenType.Null)
            {
                into.Add(new InstanceOutcome(name, type, InstanceStatus.Failed, [], ErrorText(error), location, duration));
                continue;
            }

            var result = entry["result"];
            if (result is JArray nested && depth < MaxDepth)
            {
                // Group resources nest their members' results; report the members.
                ReadEntries(nested, host, documentStart, into, depth + 1);
                continue;
            }

            if (result is not JObject state)
            {
                into.Add(new InstanceOutcome(name, type, InstanceStatus.Failed, [], "the engine returned neither a result nor an error for this instance", location, duration));
                continue;
            }

            into.Add(ReadState(new ItemContext(host, name, type, location), state, duration));
        }
    }

    private static InstanceOutcome ReadState(ItemContext context, JObject state, TimeSpan? duration)
    {
        JObject? desired;
        JObject? actual;
        JArray? differing;
        bool drifted;
        if (state.ContainsKey("desiredState"))
        {
            desired = state["desiredState"] as JObject;
            actual = state["actualState"] as JObject;
            differing = state["differingProperties"] as JArray;
            drifted = state["inDesiredState"] is JValue { Type: JTokenType.Boolean } inDesired
                ? !(bool)inDesired
                : differing is { Count: > 0 };
        }
        else if (state.ContainsKey("afterState") || state.ContainsKey("beforeState"))
        {
            desired = state["afterState"] as JObject;
            actual = state["beforeState"] as JObject;
            differing = state["changedProperties"] as JArray;
            drifted = differing is { Count: > 0 };
        }
        else
        {
            // A get result: nothing to compare against.
            return DriftComparison.InDesiredState(context, duration);
        }

        return DriftComparison.Outcome(context, desired, actual, differing, drifted, duration);
    }

    private static List<ResultMessage> ReadMessages(JArray? messages)
    {
        var list = new List<ResultMessage>();
        if (messages is null)
        {
            return list;
        }

        foreach (var token in messages)
        {
            if (token is JObject message)
            {
                var text = DriftComparison.StringOf(message["message"]) ?? message.ToString(Formatting.None);
                list.Add(new ResultMessage(DriftComparison.StringOf(message["name"]), DriftComparison.StringOf(message["type"]), DriftComparison.StringOf(message["level"]) ?? "info", text));
            }
            else if (DriftComparison.StringOf(token) is { } text)
            {
                list.Add(new ResultMessage(null, null, "info", text));
            }
        }

        return list;
    }

    private static string ErrorText(JToken error) => error switch
    {
        JValue { Type: JTokenType.String } text => (string)text!,
        JObject detail when DriftComparison.StringOf(detail["message"]) is { } message => message,
        _ => error.ToString(Formatting.None),
    };

    private static JObject? ObjectChild(JToken? parent, string name) => (parent as JObject)?[name] as JObject;

    private static TimeSpan? DurationOf(JToken? token)
    {
        if (token is JObject microsoftDsc)
        {
            token = microsoftDsc["duration"];
        }

        if (DriftComparison.StringOf(token) is not { } text)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

}
