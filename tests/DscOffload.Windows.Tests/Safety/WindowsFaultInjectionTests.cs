using DscOffload.Core.Engine;
using DscOffload.Core.Safety;
using DscOffload.Tests.Engine;
using DscOffload.Tests.Safety;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>
/// Fails every operation of a guarded live set of the Windows types in turn (reads, each single setting of a
/// write, adapter restarts; before and after they take effect) and checks each time that the result states
/// exactly what changed, that the journal entry restores the prior state exactly (registry values that did not
/// exist included) and that running the set again converges.
/// </summary>
public sealed class WindowsFaultInjectionTests
{
    private const string Head = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n";

    public static TheoryData<string, string, string> Scenarios => new()
    {
        {
            "global CIM settings and absent registry values", "x710-server.json",
            Head + "- name: global\n  type: DscOffload.Windows/GlobalOffload\n  properties:\n    chimney: Enabled\n    receiveSideScaling: Disabled\n    tcpipParameters: {enableRSS: false, enableTCPChimney: true}\n"
        },
        {
            "registry values present and absent on an old host", "server2008r2.json",
            Head + "- name: global\n  type: DscOffload.Windows/GlobalOffload\n  properties:\n    tcpipParameters: {enableTCPChimney: true, enableRSS: false, disableTaskOffload: true}\n"
        },
        {
            "adapters by pattern with restart", "x710-server.json",
            Head + "- name: nics\n  type: DscOffload.Windows/NetAdapterOffload\n  properties:\n    name: 'Ethernet*'\n    lsoIPv4: false\n    checksumTcpIPv4: Disabled\n    advancedProperties: {'*JumboPacket': '9014'}\n"
        },
        {
            "global and adapters in one document, restart Never", "x710-server.json",
            Head + "- name: global\n  type: DscOffload.Windows/GlobalOffload\n  properties:\n    receiveSegmentCoalescing: Disabled\n    tcpipParameters: {disableTaskOffload: true}\n"
                 + "- name: nic\n  type: DscOffload.Windows/NetAdapterOffload\n  properties:\n    name: Ethernet 3\n    restart: Never\n    rss: false\n    rscIPv4: false\n"
        },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryFailedOperation_IsReportedExactly_RolledBackExactly_AndConvergesOnRerun(string scenario, string host, string yaml)
    {
        var operations = CountOperations(host, yaml);
        operations.Should().BeGreaterThan(3, scenario);
        foreach (var timing in Enum.GetValues<FaultTiming>())
        {
            for (var k = 1; k <= operations; k++)
            {
                Check(host, yaml, k, timing, $"{scenario}: fault at operation {k} ({timing})");
            }
        }
    }

    private static int CountOperations(string host, string yaml)
    {
        using var harness = new EngineHarness();
        var counting = new FaultInjectingWindowsPlatform(FakeWindowsHost.Load(host).CreatePlatform());
        var run = harness.GuardedSet(yaml, new FakeWindowsTarget(counting));
        run.HadErrors.Should().BeFalse(run.Envelope.ToString());
        run.Changed.Should().BeTrue();
        return counting.Operations.Count;
    }

    private static void Check(string host, string yaml, int k, FaultTiming timing, string because)
    {
        using var harness = new EngineHarness();
        var platform = FakeWindowsHost.Load(host).CreatePlatform();
        var faulty = new FaultInjectingWindowsPlatform(platform) { FailAt = k, Timing = timing };
        var before = PlatformState.Of(platform);
        var globalBefore = platform.ReadGlobal();
        var run = harness.GuardedSet(yaml, new FakeWindowsTarget(faulty));

        faulty.Injected.Should().BeTrue(because);
        var after = PlatformState.Of(platform);
        run.HadErrors.Should().BeTrue(because);
        run.Changed.Should().Be(before != after, because);
        Reported(run.Envelope).Should().BeEquivalentTo(Observed(before, after, globalBefore, platform.ReadGlobal()), because);
        ReportedAfterValuesAreReal(run.Envelope, platform, because);

        var entries = harness.Journal.List();
        if (entries.Count == 0)
        {
            // The fault struck while the first instance was being tested for the journal: nothing changed, nothing to save.
            run.Changed.Should().BeFalse(because);
            PlatformState.Of(platform).Should().Be(before, because);
            return;
        }

        var entry = entries.Should().ContainSingle(because).Subject;
        entry.Status.Should().Be(run.Changed ? JournalStatus.Partial : JournalStatus.Failed, because);
        var rollback = harness.Rollback(entry, new FakeWindowsTarget(platform));
        rollback.HadErrors.Should().BeFalse(because + rollback.Envelope);
        PlatformState.Of(platform).Should().Be(before, because);

        using var again = new EngineHarness();
        var fresh = FakeWindowsHost.Load(host).CreatePlatform();
        harness.GuardedSet(yaml, new FakeWindowsTarget(new FaultInjectingWindowsPlatform(fresh) { FailAt = k, Timing = timing })).HadErrors.Should().BeTrue(because);

        again.GuardedSet(yaml, new FakeWindowsTarget(fresh)).HadErrors.Should().BeFalse(because);
        EngineHarness.Run(yaml, new FakeWindowsTarget(fresh), EngineOperation.Test).InDesiredState.Should().BeTrue(because);
    }

    /// <summary>"global.x" for each changed global property, the adapter name for each changed adapter.</summary>
    private static List<string> Observed(string before, string after, GlobalOffloadState globalBefore, GlobalOffloadState globalAfter)
    {
        var changed = new List<string>();
        foreach (var (name, value) in globalAfter.Settings)
        {
            if (!globalBefore.Settings.TryGetValue(name, out var was) || was != value)
            {
                changed.Add("global." + name);
            }
        }

        if (globalAfter.TcpipParameters.Any(kv => globalBefore.TcpipParameters.GetValueOrDefault(kv.Key) != kv.Value))
        {
            changed.Add("global.tcpipParameters");
        }

        var was2 = before.Split('\n').Skip(2).ToDictionary(l => l[..l.IndexOf(": ", StringComparison.Ordinal)], l => l);
        changed.AddRange(after.Split('\n').Skip(2).Where(l => was2[l[..l.IndexOf(": ", StringComparison.Ordinal)]] != l).Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]));
        return changed;
    }

    private static List<string> Reported(JObject envelope)
    {
        var changed = new List<string>();
        foreach (var item in envelope["results"]!)
        {
            if (item["result"] is not JObject result || result["afterState"] is not JObject now)
            {
                continue;
            }

            if (item["type"]!.Value<string>() == "DscOffload.Windows/GlobalOffload")
            {
                changed.AddRange(result["changedProperties"]!.Values<string>().Select(p => "global." + p));
                continue;
            }

            var was = (JArray)result["beforeState"]!["adapters"]!;
            foreach (var adapter in ((JArray)now["adapters"]!).OfType<JObject>())
            {
                var previous = was.OfType<JObject>().Single(a => a.Value<string>("name") == adapter.Value<string>("name"));
                if (!JToken.DeepEquals(Settings(previous), Settings(adapter)))
                {
                    changed.Add(adapter.Value<string>("name")!);
                }
            }
        }

        return changed;
    }

    private static JObject Settings(JObject adapter)
    {
        var copy = (JObject)adapter.DeepClone();
        foreach (var meta in (string[])["name", "interfaceGuid", "interfaceDescription", "inDesiredState", "differingProperties", "notSupported", "restartPending"])
        {
            copy.Remove(meta);
        }

        return copy;
    }

    private static void ReportedAfterValuesAreReal(JObject envelope, IWindowsOffloadPlatform platform, string because)
    {
        var global = platform.ReadGlobal();
        foreach (var item in envelope["results"]!)
        {
            if (item["result"]?["afterState"] is not JObject now)
            {
                continue;
            }

            if (item["type"]!.Value<string>() == "DscOffload.Windows/GlobalOffload")
            {
                foreach (var p in now.Properties().Where(p => p.Value.Type == JTokenType.String))
                {
                    p.Value.Value<string>().Should().Be(global.Settings[p.Name], because);
                }

                foreach (var m in (now["tcpipParameters"] as JObject ?? []).Properties())
                {
                    (m.Value.Type == JTokenType.Null ? null : m.Value.Value<bool?>()).Should().Be(global.TcpipParameters[m.Name], $"{because}: {m.Name}");
                }

                continue;
            }

            foreach (var adapter in ((JArray)now["adapters"]!).OfType<JObject>())
            {
                var info = platform.ListAdapters().Single(a => a.Name == adapter.Value<string>("name"));
                var state = platform.ReadAdapter(info);
                foreach (var p in Settings(adapter).Properties())
                {
                    if (p.Name == "advancedProperties")
                    {
                        foreach (var a in ((JObject)p.Value).Properties())
                        {
                            a.Value.Value<string>().Should().Be(state.AdvancedProperties[a.Name], because);
                        }
                    }
                    else
                    {
                        p.Value.ToString().Should().Be(state.Settings[p.Name].ToString(), $"{because}: {info.Name} {p.Name}");
                    }
                }
            }
        }
    }
}
