using DscOffload.Core.Engine;
using DscOffload.Core.Safety;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Tests.Engine;
using DscOffload.Tests.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>
/// Fails every operation of a guarded live set in turn (each read and each write, before and after it takes
/// effect) and checks the safety promises each time: the result states exactly what changed, the journal entry
/// written before the change restores the prior state, and running the set again converges.
/// </summary>
public sealed class FaultInjectionTests
{
    private const string Head = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n";

    public static TheoryData<string, string> Scenarios => new()
    {
        { "one adapter, aliases with dependencies", Head + "- name: v0\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v0\n    features: {tso: false, gro: true, tx: false}\n" },
        { "pattern over two adapters, features and channels", Head + "- name: multi\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: 'm*'\n    features: {sg: false, rx-gro: true}\n    channels: {rx: 2, tx: 3}\n" },
        {
            "two instances on two adapters",
            Head + "- name: first\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v0\n    features: {gro: true, rxvlan: false}\n"
                 + "- name: second\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v1\n    features: {tx: false}\n    channels: {rx: 2}\n"
        },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryFailedOperation_IsReportedExactly_RolledBackExactly_AndConvergesOnRerun(string scenario, string yaml)
    {
        var operations = CountOperations(yaml);
        operations.Should().BeGreaterThan(5, scenario);
        foreach (var timing in Enum.GetValues<FaultTiming>())
        {
            for (var k = 1; k <= operations; k++)
            {
                Check(yaml, k, timing, $"{scenario}: fault at operation {k} ({timing})");
            }
        }
    }

    private static int CountOperations(string yaml)
    {
        using var harness = new EngineHarness();
        var counting = new FaultInjectingEthtoolDevices(FakeEthtoolDevices.WithVethPairs());
        var run = harness.GuardedSet(yaml, new FakeLinuxHost(counting));
        run.HadErrors.Should().BeFalse(run.Envelope.ToString());
        return counting.Operations.Count;
    }

    private static void Check(string yaml, int k, FaultTiming timing, string because)
    {
        using var harness = new EngineHarness();
        var fake = FakeEthtoolDevices.WithVethPairs();
        var faulty = new FaultInjectingEthtoolDevices(fake) { FailAt = k, Timing = timing };
        var before = DeviceState.Active(fake);
        var beforeFull = DeviceState.Full(fake);
        var run = harness.GuardedSet(yaml, new FakeLinuxHost(faulty));

        faulty.Injected.Should().BeTrue(because);
        var after = DeviceState.Active(fake);

        // 1. The result states exactly what changed: the adapters it reports changed are the ones that changed,
        //    and every value it reports after the set is the device's real value.
        ReportedChangedAdapters(run.Envelope).Should().BeEquivalentTo(ChangedAdapters(before, after), because);
        run.Changed.Should().Be(before != after, because);
        ReportedAfterValuesAreReal(run.Envelope, fake, because);
        run.HadErrors.Should().BeTrue(because + " (an injected fault is never silent)");

        // 2. The entry written before the change has the matching outcome and restores the prior state exactly.
        var entries = harness.Journal.List();
        if (entries.Count == 0)
        {
            // The fault struck while the first instance was being tested for the journal: nothing changed, nothing to save.
            run.Changed.Should().BeFalse(because);
            DeviceState.Active(fake).Should().Be(before, because);
            return;
        }

        var entry = entries.Should().ContainSingle(because).Subject;
        entry.Status.Should().Be(run.Changed ? JournalStatus.Partial : JournalStatus.Failed, because);
        var rollback = harness.Rollback(entry, new FakeLinuxHost(fake));
        rollback.HadErrors.Should().BeFalse(because + rollback.Envelope);
        DeviceState.Active(fake).Should().Be(before, because);
        DeviceState.Full(fake).Should().Be(beforeFull, because + " (requested state too)");

        // 3. Running the set again (after a partial set, without rolling back) converges.
        using var again = new EngineHarness();
        var fresh = FakeEthtoolDevices.WithVethPairs();
        harness.GuardedSet(yaml, new FakeLinuxHost(new FaultInjectingEthtoolDevices(fresh) { FailAt = k, Timing = timing })).HadErrors.Should().BeTrue(because);
        again.GuardedSet(yaml, new FakeLinuxHost(fresh)).HadErrors.Should().BeFalse(because);
        EngineHarness.Run(yaml, new FakeLinuxHost(fresh), EngineOperation.Test).InDesiredState.Should().BeTrue(because);
    }

    private static IEnumerable<string> ChangedAdapters(string before, string after)
    {
        var was = before.Split('\n').ToDictionary(l => l[..l.IndexOf(':')], l => l);
        return after.Split('\n').Where(l => was[l[..l.IndexOf(':')]] != l).Select(l => l[..l.IndexOf(':')]).ToList();
    }

    private static IEnumerable<string> ReportedChangedAdapters(JObject envelope)
    {
        var names = new List<string>();
        foreach (var result in envelope["results"]!.Select(r => r["result"]).OfType<JObject>())
        {
            if (result["beforeState"]?["adapters"] is not JArray was || result["afterState"]?["adapters"] is not JArray now)
            {
                continue;
            }

            foreach (var adapter in now.OfType<JObject>())
            {
                var name = adapter.Value<string>("name")!;
                var previous = was.OfType<JObject>().Single(a => a.Value<string>("name") == name);
                if (!JToken.DeepEquals(Settings(previous), Settings(adapter)))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static JObject Settings(JObject adapter) => new() { ["features"] = adapter["features"], ["channels"] = adapter["channels"] };

    private static void ReportedAfterValuesAreReal(JObject envelope, FakeEthtoolDevices fake, string because)
    {
        foreach (var result in envelope["results"]!.Select(r => r["result"]).OfType<JObject>())
        {
            foreach (var adapter in (result["afterState"]?["adapters"] as JArray ?? []).OfType<JObject>())
            {
                var name = adapter.Value<string>("name")!;
                var features = fake.GetFeatures(name);
                foreach (var f in (adapter["features"] as JObject ?? []).Properties())
                {
                    features.TryGet(f.Name, out var state).Should().BeTrue(because);
                    f.Value.Value<bool>().Should().Be(state.Active, $"{because}: {name} {f.Name}");
                }

                foreach (var c in (adapter["channels"] as JObject ?? []).Properties())
                {
                    var current = fake.GetChannels(name)!.Current;
                    var real = c.Name switch { "rx" => current.Rx, "tx" => current.Tx, _ => current.Combined };
                    c.Value.Value<long>().Should().Be(real, $"{because}: {name} channels.{c.Name}");
                }
            }
        }
    }
}
