using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// A read-only OffloadCoexistence type (get, test, export; set only asserts, see <see cref="SetAssertion"/>): reports which conditions of the
/// platform's coexistence table hold on the host and what they mean for each offload. Its desired
/// state asserts conditions (<c>ipsecPolicy: false</c>) or usable offloads (<c>compatibleWith:
/// [chimney]</c>), so that config test flags a host that contradicts the document's offload settings.
/// The same code serves live, recorded and fake hosts; only the probe differs.
/// </summary>
internal sealed class CoexistenceResource : ITestableResource, IExportableResource
{
    private readonly PlatformCoexistenceTable _table;
    private readonly ICoexistenceProbe _probe;

    /// <summary>Binds the type to a table and a probe.</summary>
    public CoexistenceResource(ResourceDescriptor descriptor, PlatformCoexistenceTable table, ICoexistenceProbe probe)
    {
        Descriptor = descriptor;
        _table = table;
        _probe = probe;
    }

    /// <inheritdoc />
    public ResourceDescriptor Descriptor { get; }

    /// <inheritdoc />
    public GetOutcome Get(JObject input, OperationContext context) => new(CoexistenceState.ToJson(_table, _probe.Probe()));

    /// <summary>
    /// What <see cref="Get"/> reports, as read back from its state by <paramref name="table"/>
    /// (<see cref="CoexistenceState.FromJson"/>), without writing and reading the state; null when this type reads
    /// another table, whose state only the JSON carries across.
    /// </summary>
    public CoexistenceReport? ReadBack(PlatformCoexistenceTable table) =>
        ReferenceEquals(table, _table) ? CoexistenceState.RoundTrip(_table, _probe.Probe()) : null;

    /// <inheritdoc />
    public TestOutcome Test(JObject desired, OperationContext context)
    {
        var report = _probe.Probe();
        var differing = new List<string>();
        foreach (var row in _table.Rows)
        {
            if (desired[row.Id] is not { Type: JTokenType.Boolean } want)
            {
                continue;
            }

            var have = report.Has(row.Id);
            if (have == want.Value<bool>())
            {
                continue;
            }

            differing.Add(row.Id);
            context.Info(have switch
            {
                true => $"{row.Id} is asserted false but holds ({row.Condition}): {Evidence(report.Find(row.Id)!)}",
                false => $"{row.Id} is asserted true but was not found ({row.Condition}); looked for: {row.Detection}",
                null => $"{row.Id} is asserted {want.Value<bool>().ToString().ToLowerInvariant()} but could not be determined ({row.Condition}): {report.Undetermined[row.Id]}",
            });
        }

        if (desired[CoexistenceDescriptor.CompatibleWith] is JArray offloads)
        {
            var conflict = false;
            foreach (var name in offloads.Where(t => t.Type == JTokenType.String).Select(t => t.Value<string>()!))
            {
                foreach (var row in CoexistenceState.RulingOut(_table, report, name))
                {
                    conflict = true;
                    context.Info(report.Find(row.Id) is { } found
                        ? $"{name} is asserted usable but {row.Id} holds ({row.Condition}: {Evidence(found)}); {row.Source}: {row.Effects[name].Note}"
                        : $"{name} is asserted usable but {row.Id} could not be determined ({row.Condition}: {report.Undetermined[row.Id]}); {row.Source}: {row.Effects[name].Note}");
                }
            }

            if (conflict)
            {
                differing.Add(CoexistenceDescriptor.CompatibleWith);
            }
        }

        var actual = CoexistenceState.ToJson(_table, report);
        actual["_inDesiredState"] = differing.Count == 0;
        return new TestOutcome(DesiredOnly(desired), actual, differing.Count == 0, differing);
    }

    /// <inheritdoc />
    public IEnumerable<JObject> Export(JObject filter, OperationContext context)
    {
        var state = CoexistenceState.ToJson(_table, _probe.Probe());
        state["_name"] = Descriptor.ShortName;
        yield return state;
    }

    /// <summary>The evidence of a detection in one line: the details, then where they came from.</summary>
    public static string Evidence(DetectedCondition found) =>
        found.Details.Count == 0 ? found.DetectedBy : $"{string.Join("; ", found.Details)} (from {found.DetectedBy})";

    private static JObject DesiredOnly(JObject desired)
    {
        var copy = (JObject)desired.DeepCloneWithLocations();
        foreach (var p in copy.Properties().Where(p => p.Name.StartsWith('_') || p.Value.Type == JTokenType.Null).ToList())
        {
            p.Remove();
        }

        return copy;
    }
}
