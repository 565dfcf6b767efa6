using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// The drift of one instance from its two states: <c>test</c> (desired against actual state) or
/// <c>set --what-if</c> (predicted after-state against before-state), with per-adapter detail and object-valued
/// properties reported member by member, each pointing at its own document line.
/// </summary>
internal static class DriftComparison
{
    /// <summary>How deep nested results and object values are followed.</summary>
    public const int MaxDepth = 32;

    /// <summary>An instance with nothing to report.</summary>
    public static InstanceOutcome InDesiredState(ItemContext context, TimeSpan? duration) =>
        new(context.Instance, context.ResourceType, InstanceStatus.InDesiredState, [], null, context.InstanceLocation, duration);

    /// <summary>The outcome of one instance whose states are <paramref name="desired"/> and <paramref name="actual"/>.</summary>
    public static InstanceOutcome Outcome(ItemContext context, JObject? desired, JObject? actual, JArray? differing, bool drifted, TimeSpan? duration)
    {
        if (!drifted)
        {
            return InDesiredState(context, duration);
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

    /// <summary>The text of a string token; dates that <c>JObject.Parse</c> made of ISO-looking strings are given back as ISO text.</summary>
    public static string? StringOf(JToken? token) => token switch
    {
        JValue { Type: JTokenType.String } value => (string?)value,

        // JObject.Parse turns ISO-looking strings into dates unless told not to; give them back as ISO text.
        JValue { Type: JTokenType.Date, Value: DateTimeOffset offset } => offset.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Date, Value: DateTime time } => time.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
