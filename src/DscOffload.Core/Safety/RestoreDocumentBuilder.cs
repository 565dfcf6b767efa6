using DscOffload.Core.Adapters;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// Builds the journal's restore document from the <c>test</c> outcome of each instance a change is about to
/// apply: one instance per thing that will change, holding exactly the settings that differ from desired
/// state, at their current values. Adapter types get one instance per adapter that is not in desired state,
/// selected by its exact name, with the values from <c>actualState.adapters[]</c>; single-instance types (such
/// as GlobalOffload) get one instance with the differing values; a value that is currently absent is restored as
/// <c>null</c> where the type reads a desired <c>null</c> as "make absent" (a <see cref="PropertyDescriptor.CanBeNull"/>
/// member such as a Tcpip\Parameters value). Each instance of the change is captured right before it changes
/// anything, and restore instances come out in reverse order, so a rollback undoes the last change first: when two
/// instances touch the same setting, the later one's restore puts back the value between them and the earlier
/// one's the value before both.
/// </summary>
/// <remarks>
/// Never restored as properties, because they are options rather than state: <c>restart</c> (copied from the
/// change so the rollback restarts adapters the same way) and <c>persist</c>; the files persistence writes are
/// saved whole instead (<see cref="AddFile"/>, <c>metadata.DscOffload.files</c>) and put back by
/// <c>rollback</c>. Selection flags that the change needed to see an adapter (<c>includeHidden</c>,
/// <c>includeLoopback</c>) are copied.
/// </remarks>
internal sealed class RestoreDocumentBuilder
{
    private static readonly string[] CarriedFlags = ["includeHidden", "includeLoopback"];
    private static readonly string[] Options = ["restart", "persist"];

    private readonly List<(string Type, string Name, JObject Properties)> _instances = [];
    private readonly List<JournaledFile> _files = [];

    /// <summary>True when nothing differs, so nothing would change and no entry is needed.</summary>
    public bool IsEmpty => _instances.Count == 0 && _files.Count == 0;

    /// <summary>The files saved so far, each with its content before the first change that writes it.</summary>
    public IReadOnlyList<JournaledFile> Files => _files;

    /// <summary>
    /// What the restore document cannot do, for the entry's notes. None today: the one limit it had, an adapter name
    /// with wildcard characters matching other adapters too, is gone since names are written escaped.
    /// </summary>
    public IReadOnlyList<string> Notes { get; } = [];

    /// <summary>How many instances the document will have.</summary>
    public int Count => _instances.Count;

    /// <summary>
    /// Adds what <paramref name="test"/> (the test of <paramref name="desired"/> just before the change) says will
    /// change; <paramref name="instanceName"/> (the document instance, null for a single resource set) makes the
    /// restore instances' names unique. Returns how many restore instances were added.
    /// </summary>
    public int Add(ResourceDescriptor descriptor, string? instanceName, JObject desired, TestOutcome test)
    {
        var before = _instances.Count;
        if (test.InDesiredState)
        {
            return 0;
        }

        var suffix = instanceName is null ? "" : $" (before '{instanceName}')";
        if (descriptor.Property("adapters") is { Type: PropertyType.ObjectArray } && test.ActualState["adapters"] is JArray adapters)
        {
            AddAdapters(descriptor, suffix, desired, test.DesiredState, adapters);
        }
        else
        {
            AddSingle(descriptor, suffix, desired, test.DesiredState, test.ActualState);
        }

        return _instances.Count - before;
    }

    /// <summary>
    /// Saves <paramref name="file"/> (captured before the change) unless the file is already saved: the first
    /// capture is the content before the whole change, which is what a rollback must restore. Returns true when added.
    /// </summary>
    public bool AddFile(JournaledFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_files.Any(f => string.Equals(f.Path, file.Path, StringComparison.Ordinal)))
        {
            return false;
        }

        _files.Add(file);
        return true;
    }

    /// <summary>The restore document (without journal metadata).</summary>
    public JObject Build()
    {
        var resources = new JArray();
        for (var i = _instances.Count - 1; i >= 0; i--)
        {
            var (type, name, properties) = _instances[i];
            resources.Add(new JObject { ["name"] = name, ["type"] = type, ["properties"] = properties.DeepClone() });
        }

        var document = new JObject
        {
            ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
            ["contentVersion"] = "1.0.0",
            ["resources"] = resources,
        };
        if (_files.Count > 0)
        {
            document["metadata"] = new JObject { ["DscOffload"] = new JObject { ["files"] = new JArray(_files.Select(f => f.ToJson())) } };
        }

        return document;
    }

    private void AddAdapters(ResourceDescriptor descriptor, string suffix, JObject desired, JObject desiredState, JArray adapters)
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

            // The adapter's own name, escaped, so the restore instance selects only it even if the name has * or ?.
            var properties = new JObject { ["name"] = WildcardPattern.Escape(name) };
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

            // Settings the adapter cannot change (unsupported or fixed) will not change; they need no restoring.
            var unchangeable = entry["notSupported"] is JArray blocked ? blocked.Values<string>().OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
            var restored = RestoreLeaves(descriptor, desiredState, entry, properties, nullMeansAbsent: false, unchangeable);
            if (restored == 0)
            {
                continue;
            }

            _instances.Add((descriptor.Type, $"restore {descriptor.ShortName} '{name}'{suffix}", properties));
        }
    }

    private void AddSingle(ResourceDescriptor descriptor, string suffix, JObject desired, JObject desiredState, JObject actualState)
    {
        var properties = new JObject();
        foreach (var key in descriptor.Keys)
        {
            if (desired[key.Name] is { } value)
            {
                properties[key.Name] = value.DeepClone();
            }
        }

        if (RestoreLeaves(descriptor, desiredState, actualState, properties, nullMeansAbsent: true) == 0)
        {
            return;
        }

        var keyText = string.Join(",", descriptor.Keys.Select(k => desired[k.Name]?.ToString() ?? ""));
        _instances.Add((descriptor.Type, (keyText.Length == 0 ? $"restore {descriptor.ShortName}" : $"restore {descriptor.ShortName} '{keyText}'") + suffix, properties));
    }

    /// <summary>Copies into <paramref name="target"/> the actual value of every desired leaf that differs; returns how many.</summary>
    private static int RestoreLeaves(ResourceDescriptor descriptor, JObject desiredState, JObject actual, JObject target, bool nullMeansAbsent,
        IReadOnlySet<string>? unchangeable = null)
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
                    if (unchangeable?.Contains($"{p.Name}.{m.Name}") == true)
                    {
                        continue;
                    }

                    var was = actual[p.Name] is JObject map ? map.Property(m.Name, StringComparison.Ordinal)?.Value : null;
                    count += Restore(target, p.Name, m.Name, m.Value, was, nullMeansAbsent && (d.Member(m.Name)?.CanBeNull ?? false));
                }
            }
            else if (unchangeable?.Contains(p.Name) != true)
            {
                count += Restore(target, p.Name, null, p.Value, actual.Property(p.Name, StringComparison.Ordinal)?.Value, nullMeansAbsent && d.CanBeNull);
            }
        }

        return count;
    }

    /// <summary>
    /// Restores one leaf. A <c>null</c> is a value only where the type reports absence as <c>null</c> and reads a
    /// desired <c>null</c> as "make absent" (GlobalOffload's Tcpip\Parameters values); elsewhere it means
    /// "leave alone". A leaf missing from the actual state is unsupported there, so the set cannot change it.
    /// </summary>
    private static int Restore(JObject target, string property, string? member, JToken wanted, JToken? was, bool nullIsAbsent)
    {
        if (was is null || (!nullIsAbsent && (wanted.Type == JTokenType.Null || was.Type == JTokenType.Null)) || JsonValues.Same(was, wanted))
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
}
