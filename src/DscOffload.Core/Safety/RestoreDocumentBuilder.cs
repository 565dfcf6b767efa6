using DscOffload.Core.Adapters;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// Builds the journal's restore document from the <c>test</c> outcome of each instance a change is about to
/// apply: one instance per thing that will change, holding exactly the settings that differ from desired
/// state, at their current values. Adapter types get one instance per adapter that is not in desired state,
/// selected by its exact name, with the values from <c>actualState.adapters[]</c>; single-instance types (such
/// as GlobalOffload) get one instance with the differing values, and values that are currently absent
/// (<c>null</c>) are listed in the <see cref="RestoreAbsentMarker"/>. Instances come out in reverse order of the
/// change, so a rollback undoes the last change first; two instances of one change that touch the same adapter
/// are merged (their before-values come from the same moment, so they agree).
/// </summary>
/// <remarks>
/// Never restored, because they are options rather than state: <c>restart</c> (copied from the change so the
/// rollback restarts adapters the same way) and <c>persist</c> (a systemd <c>.link</c> file a change wrote stays;
/// the entry carries a note saying so). Selection flags that the change needed to see an adapter
/// (<c>includeHidden</c>, <c>includeLoopback</c>) are copied.
/// </remarks>
public sealed class RestoreDocumentBuilder
{
    private static readonly string[] CarriedFlags = ["includeHidden", "includeLoopback"];
    private static readonly string[] Options = ["restart", "persist"];

    private readonly List<(string Type, string Key, string Name, JObject Properties)> _instances = [];
    private readonly List<string> _notes = [];

    /// <summary>True when nothing differs, so nothing would change and no entry is needed.</summary>
    public bool IsEmpty => _instances.Count == 0;

    /// <summary>What the restore document cannot do, for the entry's notes.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>How many instances the document will have.</summary>
    public int Count => _instances.Count;

    /// <summary>Adds what <paramref name="test"/> (the test of <paramref name="desired"/> just before the change) says will change.</summary>
    public void Add(ResourceDescriptor descriptor, JObject desired, TestOutcome test)
    {
        if (test.InDesiredState)
        {
            return;
        }

        if (descriptor.Property("adapters") is { Type: PropertyType.ObjectArray } && test.ActualState["adapters"] is JArray adapters)
        {
            AddAdapters(descriptor, desired, test.DesiredState, adapters);
        }
        else
        {
            AddSingle(descriptor, desired, test.DesiredState, test.ActualState);
        }
    }

    /// <summary>The restore document (without journal metadata).</summary>
    public JObject Build()
    {
        var resources = new JArray();
        for (var i = _instances.Count - 1; i >= 0; i--)
        {
            var (type, _, name, properties) = _instances[i];
            resources.Add(new JObject { ["name"] = name, ["type"] = type, ["properties"] = properties.DeepClone() });
        }

        return new JObject
        {
            ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
            ["contentVersion"] = "1.0.0",
            ["resources"] = resources,
        };
    }

    private void AddAdapters(ResourceDescriptor descriptor, JObject desired, JObject desiredState, JArray adapters)
    {
        foreach (var entry in adapters.OfType<JObject>())
        {
            if (entry["inDesiredState"]?.Type == JTokenType.Boolean && entry["inDesiredState"]!.Value<bool>())
            {
                continue;
            }

            var name = entry["name"]?.Value<string>();
            if (name is null)
            {
                continue;
            }

            var properties = new JObject { ["name"] = name };
            foreach (var flag in CarriedFlags)
            {
                if (descriptor.Property(flag) is not null && desired[flag] is { Type: JTokenType.Boolean } on && on.Value<bool>())
                {
                    properties[flag] = true;
                }
            }

            if (descriptor.Property("restart") is not null && desired["restart"] is { Type: JTokenType.String } restart)
            {
                properties["restart"] = restart.Value<string>();
            }

            var restored = RestoreLeaves(descriptor, desiredState, entry, properties, markAbsent: false);
            if (desired["persist"] is { Type: JTokenType.String } persist && persist.Value<string>() != "None")
            {
                Note($"'{name}': rollback restores the kernel state only; the {persist.Value<string>()} persistence file the change wrote is left as it is");
            }

            if (restored == 0)
            {
                continue;
            }

            if (WildcardPattern.HasWildcards(name))
            {
                Note($"'{name}' has wildcard characters in its name; its restore instance can also match other adapters");
            }

            Merge(descriptor.Type, name, $"restore {descriptor.ShortName} '{name}'", properties);
        }
    }

    private void AddSingle(ResourceDescriptor descriptor, JObject desired, JObject desiredState, JObject actualState)
    {
        var properties = new JObject();
        foreach (var key in descriptor.Keys)
        {
            if (desired[key.Name] is { } value)
            {
                properties[key.Name] = value.DeepClone();
            }
        }

        var restored = RestoreLeaves(descriptor, desiredState, actualState, properties, markAbsent: true);
        foreach (var (property, member) in RestoreAbsentMarker.Read(desired))
        {
            // A change that deletes a value (itself a rollback) is undone by writing the value back.
            if (actualState[property] is JObject map && map[member] is { } was && was.Type != JTokenType.Null && properties[property]?[member] is null)
            {
                restored += Restore(properties, property, member, JValue.CreateNull(), was, canRestoreAbsent: false, force: true);
            }
        }

        if (restored == 0)
        {
            return;
        }

        var keyText = string.Join(",", descriptor.Keys.Select(k => desired[k.Name]?.ToString() ?? ""));
        Merge(descriptor.Type, keyText, keyText.Length == 0 ? $"restore {descriptor.ShortName}" : $"restore {descriptor.ShortName} '{keyText}'", properties);
    }

    /// <summary>Copies into <paramref name="target"/> the actual value of every desired leaf that differs; returns how many.</summary>
    private static int RestoreLeaves(ResourceDescriptor descriptor, JObject desiredState, JObject actual, JObject target, bool markAbsent)
    {
        var count = 0;
        foreach (var p in desiredState.Properties())
        {
            var d = descriptor.Property(p.Name);
            if (d is null || d.IsKey || d.IsReadOnly || p.Name.StartsWith('_') || Options.Contains(p.Name)
                || d.Type is PropertyType.String or PropertyType.StringArray or PropertyType.ObjectArray)
            {
                continue;
            }

            if (d.Type is PropertyType.Object or PropertyType.BooleanMap or PropertyType.StringMap)
            {
                if (p.Value is not JObject members)
                {
                    continue;
                }

                foreach (var m in members.Properties())
                {
                    var was = actual[p.Name] is JObject map ? map.Property(m.Name, StringComparison.Ordinal)?.Value : null;
                    var canBeNull = d.Member(m.Name)?.CanBeNull ?? false;
                    count += Restore(target, p.Name, m.Name, m.Value, was, markAbsent && canBeNull);
                }
            }
            else
            {
                count += Restore(target, p.Name, null, p.Value, actual.Property(p.Name, StringComparison.Ordinal)?.Value, markAbsent && d.CanBeNull);
            }
        }

        return count;
    }

    private static int Restore(JObject target, string property, string? member, JToken wanted, JToken? was, bool canRestoreAbsent, bool force = false)
    {
        if (wanted.Type == JTokenType.Null && !force)
        {
            return 0;
        }

        if (was is null || was.Type == JTokenType.Null)
        {
            // Missing from the actual state: unsupported (nothing will change) unless the type reports absence as null.
            if (!canRestoreAbsent || was is null)
            {
                return 0;
            }

            RestoreAbsentMarker.Add(target, member is null ? property : $"{property}.{member}");
            return 1;
        }

        if (!force && JsonValues.Same(was, wanted))
        {
            return 0;
        }

        if (member is null)
        {
            target[property] = was.DeepClone();
        }
        else
        {
            if (target[property] is not JObject map)
            {
                map = [];
                target[property] = map;
            }

            map[member] = was.DeepClone();
        }

        return 1;
    }

    private void Merge(string type, string key, string name, JObject properties)
    {
        var index = _instances.FindIndex(i => string.Equals(i.Type, type, StringComparison.OrdinalIgnoreCase) && i.Key == key);
        if (index < 0)
        {
            _instances.Add((type, key, name, properties));
            return;
        }

        var existing = _instances[index].Properties;
        foreach (var p in properties.Properties())
        {
            if (existing[p.Name] is JObject into && p.Value is JObject from && p.Name != "_metadata")
            {
                foreach (var m in from.Properties())
                {
                    if (into[m.Name] is null)
                    {
                        into[m.Name] = m.Value.DeepClone();
                    }
                }
            }
            else if (p.Name == "_metadata" && p.Value[RestoreAbsentMarker.Member] is JArray absent)
            {
                foreach (var path in absent)
                {
                    RestoreAbsentMarker.Add(existing, path.Value<string>()!);
                }
            }
            else if (existing[p.Name] is null)
            {
                existing[p.Name] = p.Value.DeepClone();
            }
        }
    }

    private void Note(string text)
    {
        if (!_notes.Contains(text))
        {
            _notes.Add(text);
        }
    }
}
