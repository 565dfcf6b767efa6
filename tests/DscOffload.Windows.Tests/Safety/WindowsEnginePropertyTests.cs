using System.Text;
using CsCheck;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Tests.Engine;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>
/// Properties of the engine and the journal for the Windows types over random recorded hosts (random global CIM
/// values, Tcpip registry values present or absent) and random documents: what-if never changes anything, a set
/// that succeeds is followed by a test in desired state, and rolling back the journal entry of any set restores
/// the host exactly, absent registry values included.
/// </summary>
public sealed class WindowsEnginePropertyTests
{
    private static readonly (string Name, string Cim, string[] Values)[] Global =
    [
        ("chimney", "Chimney", ["Disabled", "Enabled", "Automatic"]),
        ("receiveSideScaling", "ReceiveSideScaling", ["Disabled", "Enabled"]),
        ("receiveSegmentCoalescing", "ReceiveSegmentCoalescing", ["Disabled", "Enabled"]),
        ("taskOffload", "TaskOffload", ["Disabled", "Enabled"]),
        ("packetCoalescingFilter", "PacketCoalescingFilter", ["Disabled", "Enabled"]),
        ("networkDirect", "NetworkDirect", ["Disabled", "Enabled"]),
    ];

    private static readonly (string Name, string Registry)[] Tcpip =
        [("enableTCPChimney", "EnableTCPChimney"), ("enableRSS", "EnableRSS"), ("enableTCPA", "EnableTCPA"), ("disableTaskOffload", "DisableTaskOffload")];

    private static readonly string[] Checksums = ["Disabled", "TxEnabled", "RxEnabled", "RxTxEnabled"];
    private static readonly string[] Jumbo = ["1514", "4088", "9014"];
    private static readonly string[] Patterns = ["Ethernet*", "Ethernet 2", "Ethernet 3"];

    /// <summary>Per global setting an index into its values; per Tcpip value 0 = absent, 1 = false, 2 = true.</summary>
    private static readonly Gen<(int[] Global, int[] Tcpip)> Host = Gen.Select(Gen.Int[0, 2].Array[Global.Length], Gen.Int[0, 2].Array[Tcpip.Length]);

    /// <summary>Per property -1 (not in the document) or a value index; the adapter instance's pattern and values.</summary>
    private static readonly Gen<string> Document =
        Gen.Select(Gen.Int[-1, 2].Array[Global.Length], Gen.Int[-1, 1].Array[Tcpip.Length], Gen.Int[-1, 3].Array[4], Gen.Int[0, 2])
            .Select((global, tcpip, adapter, pattern) =>
            {
                var text = new StringBuilder("$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n");
                var lines = new List<string>();
                for (var i = 0; i < Global.Length; i++)
                {
                    if (global[i] >= 0)
                    {
                        lines.Add($"    {Global[i].Name}: {Global[i].Values[global[i] % Global[i].Values.Length]}\n");
                    }
                }

                var members = Tcpip.Select((t, i) => tcpip[i] < 0 ? null : $"{t.Name}: {(tcpip[i] == 1 ? "true" : "false")}").OfType<string>().ToList();
                if (members.Count > 0)
                {
                    lines.Add($"    tcpipParameters: {{{string.Join(", ", members)}}}\n");
                }

                text.Append("- name: global\n  type: DscOffload.Windows/GlobalOffload\n").Append(lines.Count == 0 ? "  properties: {}\n" : "  properties:\n" + string.Concat(lines));
                text.Append($"- name: nic\n  type: DscOffload.Windows/NetAdapterOffload\n  properties:\n    name: '{Patterns[pattern]}'\n    lsoIPv4: false\n");
                if (adapter[0] >= 0)
                {
                    text.Append($"    rss: {(adapter[0] % 2 == 0 ? "true" : "false")}\n");
                }

                if (adapter[1] >= 0)
                {
                    text.Append($"    checksumTcpIPv4: {Checksums[adapter[1]]}\n");
                }

                if (adapter[2] >= 0)
                {
                    text.Append($"    advancedProperties: {{'*JumboPacket': '{Jumbo[adapter[2] % Jumbo.Length]}'}}\n");
                }

                if (adapter[3] >= 0)
                {
                    text.Append($"    restart: {(adapter[3] % 2 == 0 ? "Allowed" : "Never")}\n");
                }

                return text.ToString();
            });

    private static FakeWindowsHost Recorded((int[] Global, int[] Tcpip) host)
    {
        var json = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "x710-server.json")));
        var global = (JObject)json["globalSetting"]!;
        for (var i = 0; i < Global.Length; i++)
        {
            global[Global[i].Cim] = host.Global[i] % Global[i].Values.Length;
        }

        var tcpip = new JObject();
        for (var i = 0; i < Tcpip.Length; i++)
        {
            if (host.Tcpip[i] > 0)
            {
                tcpip[Tcpip[i].Registry] = host.Tcpip[i] - 1;
            }
        }

        json["tcpipParameters"] = tcpip;
        return FakeWindowsHost.FromJson(json);
    }

    [Fact]
    public void WhatIf_NeverChangesAnything()
    {
        Gen.Select(Host, Document).Sample((host, yaml) =>
        {
            var platform = Recorded(host).CreatePlatform();
            var before = PlatformState.Of(platform);
            try
            {
                EngineHarness.Run(yaml, new FakeWindowsTarget(platform), EngineOperation.Set, whatIf: true);
            }
            catch (DscOffloadException)
            {
                // Refused documents must change nothing either.
            }

            PlatformState.Of(platform).Should().Be(before, yaml);
        }, iter: 100);
    }

    [Fact]
    public void Set_ThatSucceeds_IsFollowedByATestInDesiredState()
    {
        var succeeded = 0;
        Gen.Select(Host, Document).Sample((host, yaml) =>
        {
            using var harness = new EngineHarness();
            var platform = Recorded(host).CreatePlatform();
            if (!harness.GuardedSet(yaml, new FakeWindowsTarget(platform)).HadErrors)
            {
                var test = EngineHarness.Run(yaml, new FakeWindowsTarget(platform), EngineOperation.Test);
                test.InDesiredState.Should().BeTrue($"{yaml}\n{test.Envelope}");
                Interlocked.Increment(ref succeeded);
            }
        }, iter: 100);
        succeeded.Should().BeGreaterThan(50);
    }

    [Fact]
    public void Rollback_AfterAnySet_RestoresTheHostExactly_AbsentRegistryValuesIncluded()
    {
        var restoredAbsent = 0;
        Gen.Select(Host, Document).Sample((host, yaml) =>
        {
            using var harness = new EngineHarness();
            var platform = Recorded(host).CreatePlatform();
            var before = PlatformState.Of(platform);
            harness.GuardedSet(yaml, new FakeWindowsTarget(platform));
            var entry = harness.Journal.List().SingleOrDefault();
            if (entry is null)
            {
                PlatformState.Of(platform).Should().Be(before, yaml);
                return;
            }

            if (entry.Document.SelectTokens("resources[*].properties.tcpipParameters.*").Any(t => t.Type == JTokenType.Null))
            {
                Interlocked.Increment(ref restoredAbsent);
            }

            var rollback = harness.Rollback(entry, new FakeWindowsTarget(platform));
            rollback.HadErrors.Should().BeFalse($"{yaml}\n{rollback.Envelope}");
            PlatformState.Of(platform).Should().Be(before, yaml);
        }, iter: 100);
        restoredAbsent.Should().BeGreaterThan(10, "the property covers registry values that did not exist");
    }
}
