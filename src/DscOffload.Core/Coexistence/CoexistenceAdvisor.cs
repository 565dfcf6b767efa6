using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// Compares the offloads a document asks for, and the offloads a host has on, with the conditions its
/// coexistence state shows, and says where an offload will not be used or depends on something else:
/// "chimney is Automatic on fast-02 but an IPsec policy is applied; KB 951037: …". The engine calls it
/// once per host after test and set (through <see cref="CoexistenceResultAdvisor"/>); validate calls it on the document alone. It never fails a run:
/// a host whose coexistence state cannot be read (an older snapshot, another OS) gets no advice.
/// </summary>
internal static class CoexistenceAdvisor
{
    /// <summary>
    /// Advice for one host after a test or set of <paramref name="configuration"/>: reads the host's
    /// coexistence state through its OffloadCoexistence type (live or recorded) for each platform the
    /// document has offload settings for.
    /// </summary>
    public static IReadOnlyList<CoexistenceAdvice> ForRun(ResourceCatalog catalog, PreparedConfiguration configuration, IReadOnlyList<InstanceResult> results, HostTarget target)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(target);
        var subjects = new List<CoexistenceSubject>();
        foreach (var item in configuration.Instances)
        {
            var result = results.FirstOrDefault(r => r.Name == item.Instance.Name && r.Type == item.Instance.Type);
            var actual = result?.ActualState ?? result?.Test?.ActualState ?? result?.Set?.BeforeState;
            subjects.Add(new CoexistenceSubject(item.Instance.Name, item.Instance.Type, item.Instance.Properties, actual));
        }

        var advice = new List<CoexistenceAdvice>();
        foreach (var table in CoexistenceTable.Platforms)
        {
            if (!subjects.Any(s => Concerns(table, s)) || catalog.Find(table.ResourceType) is not { } provider)
            {
                continue;
            }

            if (ReadHost(provider, table, target) is { } report)
            {
                advice.AddRange(Advise(table, report, subjects, $"on {target.Name}"));
            }
        }

        return advice;
    }

    /// <summary>
    /// Advice for a document on its own (validate): an offload the document turns on next to a
    /// condition the document itself asserts (an OffloadCoexistence instance with <c>ipsecPolicy:
    /// true</c>) that rules it out, and <c>compatibleWith</c> lists that contradict the asserted conditions.
    /// </summary>
    public static IReadOnlyList<CoexistenceAdvice> ForDocument(PreparedConfiguration configuration)
    {
        var advice = new List<CoexistenceAdvice>();
        var subjects = configuration.Instances
            .Select(i => new CoexistenceSubject(i.Instance.Name, i.Instance.Type, i.Instance.Properties, null))
            .ToList();
        foreach (var table in CoexistenceTable.Platforms)
        {
            var report = new CoexistenceReport();
            foreach (var assertion in subjects.Where(s => string.Equals(s.Type, table.ResourceType, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var row in table.Rows)
                {
                    if (assertion.Desired[row.Id] is { Type: JTokenType.Boolean } flag && flag.Value<bool>())
                    {
                        report.Add(row.Id, $"asserted by '{assertion.InstanceName}'", []);
                    }
                }

                foreach (var name in Names(assertion.Desired[CoexistenceDescriptor.CompatibleWith]))
                {
                    foreach (var row in CoexistenceState.RulingOut(table, report, name).Where(r => report.Has(r.Id) == true))
                    {
                        advice.Add(new CoexistenceAdvice(assertion.InstanceName, assertion.Type, MessageLevel.Warning,
                            $"{name} is asserted usable (compatibleWith) but {row.Id} is asserted true ({row.Condition}); {row.Source}: {row.Effects[name].Note}"));
                    }
                }
            }

            if (report.Detected.Count > 0)
            {
                advice.AddRange(Advise(table, report, subjects, "in this document"));
            }
        }

        return advice;
    }

    /// <summary>The advice for <paramref name="subjects"/> on a host whose conditions are <paramref name="report"/>.</summary>
    public static IEnumerable<CoexistenceAdvice> Advise(PlatformCoexistenceTable table, CoexistenceReport report, IEnumerable<CoexistenceSubject> subjects, string where)
    {
        // Read once: the report's list is a new copy on every read. Loops and not LINQ below: this runs for every host of a fleet.
        var detected = report.Detected;
        if (detected.Count == 0)
        {
            yield break;
        }

        foreach (var subject in subjects)
        {
            var plan = PlanFor(table, subject);
            for (var o = 0; o < table.Offloads.Count; o++)
            {
                var offload = table.Offloads[o];
                var settings = plan.Settings[o];
                if (settings.Count == 0)
                {
                    continue;
                }

                var desired = plan.DesiredOn[o];
                foreach (var found in detected)
                {
                    var row = table.Row(found.Id);
                    if (row is null || !row.Effects.TryGetValue(offload.Name, out var effect) || effect.Verdict == CoexistenceVerdict.Yes)
                    {
                        continue;
                    }

                    var adapters = subject.Adapters;
                    if (effect.PerInterface)
                    {
                        adapters = adapters.Where(a => found.Interfaces.Contains(a.Name, StringComparer.OrdinalIgnoreCase)).ToList();
                        if (adapters.Count == 0)
                        {
                            continue;
                        }
                    }

                    var actual = desired is null ? ActualOn(settings, subject, adapters, effect.PerInterface) : null;
                    var level = (effect.Verdict, desired is not null) switch
                    {
                        (CoexistenceVerdict.No, _) or (CoexistenceVerdict.Partial, true) => MessageLevel.Warning,
                        (CoexistenceVerdict.Partial, false) or (CoexistenceVerdict.ImplementationSpecific, true) => MessageLevel.Information,
                        _ => (MessageLevel?)null,
                    };
                    if (level is null || (desired is null && actual is null))
                    {
                        continue;
                    }

                    var setting = desired is { } d ? $"desired {d.Path} = {Text(d.Value)}" : $"{actual!.Value.Path} = {Text(actual.Value.Value)}";
                    var scope = effect.PerInterface ? $" ({string.Join(", ", adapters.Select(a => a.Name))})" : "";
                    var nuance = row.Nuance is { } n && offload.Name == "chimney" && n.Chimney != effect.Verdict ? $"; {n.Source} says {n.Chimney}" : "";
                    yield return new CoexistenceAdvice(subject.InstanceName, subject.Type, level.Value,
                        $"{setting}, but {where}{scope}: {row.Condition}; {row.Source}: {effect.Note}{nuance}. Evidence: {CoexistenceResource.Evidence(found)}.{NotOperational(settings, adapters)}{NoEffect(settings, desired?.Path ?? actual!.Value.Path)} See 'dscoffload explain {offload.Name}'.");
                }
            }
        }
    }

    /// <summary>
    /// What a document instance means for each offload of a table: the settings its type has and the first one its desired
    /// state turns on. The same for every host of a fleet, so worked out once for each instance's properties (which
    /// nothing changes once the document is prepared).
    /// </summary>
    private sealed record DesiredOffloads(List<OffloadSetting>[] Settings, (string Path, JToken Value)?[] DesiredOn);

    private static readonly ConditionalWeakTable<JObject, ConcurrentDictionary<(PlatformCoexistenceTable, string), DesiredOffloads>> Plans = new();

    private static DesiredOffloads PlanFor(PlatformCoexistenceTable table, CoexistenceSubject subject)
    {
        var plans = Plans.GetValue(subject.Desired, _ => new ConcurrentDictionary<(PlatformCoexistenceTable, string), DesiredOffloads>());
        return plans.GetOrAdd((table, subject.Type), key =>
        {
            var settings = new List<OffloadSetting>[key.Item1.Offloads.Count];
            var desiredOn = new (string Path, JToken Value)?[settings.Length];
            for (var o = 0; o < settings.Length; o++)
            {
                settings[o] = SettingsOf(key.Item1.Offloads[o], key.Item2);
                desiredOn[o] = settings[o].Count == 0 ? null : FirstOn(settings[o], subject.Desired);
            }

            return new DesiredOffloads(settings, desiredOn);
        });
    }

    /// <summary>The settings of <paramref name="offload"/> that <paramref name="type"/> has.</summary>
    private static List<OffloadSetting> SettingsOf(OffloadTopic offload, string type)
    {
        var settings = new List<OffloadSetting>();
        foreach (var s in offload.Settings)
        {
            if (string.Equals(s.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                settings.Add(s);
            }
        }

        return settings;
    }

    private static bool Concerns(PlatformCoexistenceTable table, CoexistenceSubject subject) =>
        table.Offloads.Any(o => o.Settings.Any(s => string.Equals(s.Type, subject.Type, StringComparison.OrdinalIgnoreCase)));

    private static CoexistenceReport? ReadHost(IResourceTypeProvider provider, PlatformCoexistenceTable table, HostTarget target)
    {
        try
        {
            var type = target.Resolve(provider);
            if (type is CoexistenceResource coexistence && coexistence.ReadBack(table) is { } direct)
            {
                // The same report as below, without writing the state as JSON and reading it back: once per host of a fleet.
                return direct;
            }

            if (type is not IGettableResource resource)
            {
                return null;
            }

            var state = resource.Get([], new OperationContext(_ => { }, target.Name) { ReadOnlyTarget = true }).ActualState;
            return CoexistenceState.FromJson(table, state);
        }
        catch (DscOffloadException)
        {
            // No coexistence state for this host (an older snapshot, or a live host of another OS):
            // the advice is optional, the run is not.
            return null;
        }
    }

    private static (string Path, JToken Value)? FirstOn(IEnumerable<OffloadSetting> settings, JObject state)
    {
        foreach (var s in settings)
        {
            if (s.ValueIn(state) is { } value && s.IsOn(value))
            {
                return (s.Path, value);
            }
        }

        return null;
    }

    private static (string Path, JToken Value)? ActualOn(IReadOnlyList<OffloadSetting> settings, CoexistenceSubject subject, IReadOnlyList<(string Name, JObject State)> adapters, bool perInterface)
    {
        if (!perInterface && subject.Actual is { } top && FirstOn(settings, top) is { } hostWide)
        {
            return hostWide;
        }

        foreach (var (name, state) in adapters)
        {
            if (FirstOn(settings, state) is { } on)
            {
                return ($"{on.Path} of {name}", on.Value);
            }
        }

        return null;
    }

    /// <summary>
    /// What the resource type itself does with the setting on Windows builds where it has no effect (off satisfied, on
    /// refused), so that the advice says the same as test and set: " From build 16299 it has no effect: …".
    /// </summary>
    private static string NoEffect(IReadOnlyList<OffloadSetting> settings, string path)
    {
        var ofAdapter = path.IndexOf(" of ", StringComparison.Ordinal);
        var property = ofAdapter < 0 ? path : path[..ofAdapter];
        return settings.FirstOrDefault(s => s.Path == property) is { NoEffectFromBuild: { } build, NoEffect: { } why }
            ? $" From Windows build {build} the setting has no effect ({why}): desired off is satisfied there and on is refused."
            : "";
    }

    /// <summary>
    /// What the host itself says about the setting on the adapters in scope: an adapter entry's <c>notOperational</c>
    /// (Windows: "requested on, not operational because …") confirms the table's verdict with the host's own reason.
    /// </summary>
    private static string NotOperational(IReadOnlyList<OffloadSetting> settings, IReadOnlyList<(string Name, JObject State)> adapters)
    {
        var confirmed = new List<string>();
        foreach (var (name, state) in adapters)
        {
            foreach (var s in settings)
            {
                if ((state["notOperational"] as JObject)?[s.Path] is { Type: JTokenType.String } reason)
                {
                    confirmed.Add($"{name} {s.Path}: {reason.Value<string>()}");
                }
            }
        }

        return confirmed.Count == 0 ? "" : $" The host reports {string.Join("; ", confirmed)}.";
    }

    private static IEnumerable<string> Names(JToken? token) =>
        token is JArray array ? array.Where(t => t.Type == JTokenType.String).Select(t => t.Value<string>()!) : [];

    private static string Text(JToken value) => value.Type == JTokenType.String ? value.Value<string>()! : value.ToString(Newtonsoft.Json.Formatting.None);
}
