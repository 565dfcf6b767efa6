using XmlConvert = System.Xml.XmlConvert;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// Turns one host's result envelope (the DSC-shaped JSON the engine writes) into a <see cref="HostDriftReport"/>.
/// This is the only place that knows the envelope shapes: <c>test</c> results (desired/actual state),
/// <c>set --what-if</c> results (before/after state), per-adapter detail and object-valued properties, so that
/// every output format reports exactly the same settings with the same values and document lines.
/// </summary>
public static class DriftEnvelopeReader
{
    /// <summary>The host name used when an envelope does not say which host it is about.</summary>
    public const string UnknownHost = "(unknown host)";

    private const int MaxDepth = 32;

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
        var host = StringOf(ours?["host"]) ?? UnknownHost;
        var document = StringOf(ours?["document"]);
        var run = new HostRunInfo(
            document,
            StringOf(ours?["target"]),
            StringOf(ours?["snapshot"]),
            StringOf(dsc?["operation"]) ?? "test",
            string.Equals(StringOf(dsc?["executionType"]), "whatIf", StringComparison.OrdinalIgnoreCase),
            StringOf(dsc?["startDatetime"]),
            DurationOf(dsc?["duration"]));

        SourceLocation? documentStart = document is null ? null : new SourceLocation(document, 1, 1);
        var instances = new List<InstanceOutcome>();
        if (envelope["results"] is JArray results)
        {
            ReadEntries(results, host, documentStart, instances, 0);
        }

        var hadErrors = envelope["hadErrors"] is JValue { Type: JTokenType.Boolean } flag && (bool)flag;
        return new HostDriftReport(host, run, instances, ReadMessages(envelope["messages"] as JArray), hadErrors);
    }

    private static void ReadEntries(JArray entries, string host, SourceLocation? documentStart, List<InstanceOutcome> into, int depth)
    {
        foreach (var token in entries)
        {
            if (token is not JObject entry)
            {
                continue;
            }

            var name = StringOf(entry["name"]) ?? "(unnamed)";
            var type = StringOf(entry["type"]) ?? "(unknown type)";
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
            return new InstanceOutcome(context.Instance, context.ResourceType, InstanceStatus.InDesiredState, [], null, context.InstanceLocation, duration);
        }

        if (!drifted)
        {
            return new InstanceOutcome(context.Instance, context.ResourceType, InstanceStatus.InDesiredState, [], null, context.InstanceLocation, duration);
        }

        var items = new List<DriftItem>();
        CollectAdapterItems(context, desired, actual, differing, items);
        if (items.Count == 0 && differing is not null)
        {
            foreach (var property in differing)
            {
                if (StringOf(property) is { } name)
                {
                    var desiredValue = desired?[name];
                    AddProperty(context, items, null, name, desiredValue, desiredValue ?? desired, actual?[name], 0);
                }
            }
        }

        if (items.Count == 0)
        {
            // The engine says "not in desired state" without naming a property; still report it.
            items.Add(new DriftItem(context.Host, context.Instance, context.ResourceType, null, "inDesiredState", new JValue(false), new JValue(true), desired.Location() ?? context.InstanceLocation));
        }

        return new InstanceOutcome(context.Instance, context.ResourceType, InstanceStatus.Drifted, items, null, context.InstanceLocation, duration);
    }

    private static void CollectAdapterItems(ItemContext context, JObject? desired, JObject? actual, JArray? differing, List<DriftItem> items)
    {
        if (actual?["adapters"] is not JArray { Count: > 0 } adapters)
        {
            return;
        }

        var desiredAdapters = desired?["adapters"] as JArray;
        foreach (var token in adapters)
        {
            if (token is not JObject adapter)
            {
                continue;
            }

            var adapterDiffering = adapter["differingProperties"] as JArray;
            var inDesiredState = adapter["inDesiredState"] is JValue { Type: JTokenType.Boolean } flag
                ? (bool)flag
                : adapterDiffering is not { Count: > 0 };
            if (inDesiredState)
            {
                continue;
            }

            var adapterName = StringOf(adapter["name"]) ?? "(unnamed adapter)";
            var desiredAdapter = FindAdapter(desiredAdapters, adapterName);
            var properties = adapterDiffering is { Count: > 0 } ? adapterDiffering : differing;
            if (properties is null)
            {
                continue;
            }

            foreach (var property in properties)
            {
                if (StringOf(property) is not { } name)
                {
                    continue;
                }

                var documentValue = desired?[name];
                var desiredValue = desiredAdapter?[name] ?? documentValue;
                AddProperty(context, items, adapterName, name, desiredValue, documentValue ?? desired, adapter[name], 0);
            }
        }
    }

    /// <summary>
    /// Adds the drift of one property. Object values (Linux <c>features</c>/<c>channels</c>, Windows
    /// <c>tcpipParameters</c>/<c>advancedProperties</c>) are reported member by member, only where the desired
    /// member differs from the actual one; <paramref name="locator"/> follows the same path through the desired
    /// state so each member points at its own document line.
    /// </summary>
    private static void AddProperty(ItemContext context, List<DriftItem> items, string? adapter, string path, JToken? desired, JToken? locator, JToken? actual, int depth)
    {
        if (desired is JObject desiredObject && depth < MaxDepth)
        {
            var actualObject = actual as JObject;
            var before = items.Count;
            foreach (var member in desiredObject.Properties())
            {
                var actualMember = actualObject?[member.Name];
                if (JToken.DeepEquals(member.Value, actualMember))
                {
                    continue;
                }

                var memberLocator = (locator as JObject)?[member.Name] ?? locator;
                AddProperty(context, items, adapter, path + "." + member.Name, member.Value, memberLocator, actualMember, depth + 1);
            }

            if (items.Count > before)
            {
                return;
            }
        }

        items.Add(new DriftItem(context.Host, context.Instance, context.ResourceType, adapter, path, actual, desired, locator.Location() ?? context.InstanceLocation));
    }

    private static JObject? FindAdapter(JArray? adapters, string name)
    {
        if (adapters is null)
        {
            return null;
        }

        foreach (var token in adapters)
        {
            if (token is JObject adapter && string.Equals(StringOf(adapter["name"]), name, StringComparison.Ordinal))
            {
                return adapter;
            }
        }

        return null;
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
                var text = StringOf(message["message"]) ?? message.ToString(Formatting.None);
                list.Add(new ResultMessage(StringOf(message["name"]), StringOf(message["type"]), StringOf(message["level"]) ?? "info", text));
            }
            else if (StringOf(token) is { } text)
            {
                list.Add(new ResultMessage(null, null, "info", text));
            }
        }

        return list;
    }

    private static string ErrorText(JToken error) => error switch
    {
        JValue { Type: JTokenType.String } text => (string)text!,
        JObject detail when StringOf(detail["message"]) is { } message => message,
        _ => error.ToString(Formatting.None),
    };

    private static JObject? ObjectChild(JToken? parent, string name) => (parent as JObject)?[name] as JObject;

    private static string? StringOf(JToken? token) => token switch
    {
        JValue { Type: JTokenType.String } value => (string?)value,

        // JObject.Parse turns ISO-looking strings into dates unless told not to; give them back as ISO text.
        JValue { Type: JTokenType.Date, Value: DateTimeOffset offset } => offset.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Date, Value: DateTime time } => time.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static TimeSpan? DurationOf(JToken? token)
    {
        if (token is JObject microsoftDsc)
        {
            token = microsoftDsc["duration"];
        }

        if (StringOf(token) is not { } text)
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

    private readonly record struct ItemContext(string Host, string Instance, string ResourceType, SourceLocation? InstanceLocation);
}
