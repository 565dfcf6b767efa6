using CsCheck;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// Properties over random desired states for both Windows types on fresh fake hosts: whatever set applies,
/// test then agrees with and a second set leaves alone; what-if never touches the fakes and predicts the
/// desired values. Only features the selected adapters have are generated (features they lack are covered
/// by <see cref="NetAdapterOffloadNotApplicableTests"/>).
/// </summary>
public sealed class WindowsOffloadPropertyTests
{
    private static readonly string[] Checksums = ["checksumIPv4", "checksumTcpIPv4", "checksumTcpIPv6", "checksumUdpIPv4", "checksumUdpIPv6"];
    private static readonly string[] ChecksumValues = ["Disabled", "TxEnabled", "RxEnabled", "RxTxEnabled"];
    private static readonly string[] EnabledDisabled = ["Disabled", "Enabled"];
    private static readonly string[] CimGlobalSettings = ["chimney", "receiveSideScaling", "receiveSegmentCoalescing", "taskOffload", "packetCoalescingFilter", "networkDirect"];
    private static readonly string[] TcpipValues = ["enableTCPChimney", "enableRSS", "enableTCPA", "disableTaskOffload"];

    /// <summary>
    /// Seeded adapters and what every one of them has. Advanced keywords are ones no typed property stands
    /// for (a typed property and its own keyword in one document would ask for one registry value twice).
    /// </summary>
    private static readonly AdapterCase[] AdapterCases =
    [
        new("x710-server.json", "Ethernet*",
            ["lsoV1IPv4", "lsoIPv4", "lsoIPv6", "rss", "rscIPv4", "rscIPv6", "tcpConnectionOffloadIPv4", "tcpConnectionOffloadIPv6", "ipsecOffload"],
            [new("*JumboPacket", ["1514", "4088", "9014"])]),
        new("x710-server.json", "Ethernet 2",
            ["lsoV1IPv4", "lsoIPv4", "lsoIPv6", "rss", "rscIPv4", "rscIPv6", "tcpConnectionOffloadIPv4", "tcpConnectionOffloadIPv6", "ipsecOffload"],
            [new("*JumboPacket", ["1514", "4088", "9014"]), new("*FlowControl", ["0", "1", "2", "3"]), new("*ReceiveBuffers", ["128", "512", "4096"]),
             new("*InterruptModeration", ["0", "1"]), new("*NumRssQueues", ["1", "2", "4", "8", "16"])]),
        new("hyperv-guest.json", "Ethernet",
            ["lsoIPv4", "lsoIPv6", "rss", "rscIPv4", "rscIPv6"],
            [new("*JumboPacket", ["1514", "9014"]), new("VlanIds", ["10", "10,20", "30,40,50"])]),
        new("realtek-client.json", "*",
            ["lsoIPv4", "lsoIPv6", "rss"],
            [new("*JumboPacket", ["1514", "4096", "9216"]), new("EEE", ["0", "1"]), new("*SpeedDuplex", ["0", "1", "6"])]),
        new("server2008r2.json", "Local Area Connection",
            ["lsoV1IPv4", "lsoIPv4", "lsoIPv6", "rss", "tcpConnectionOffloadIPv4", "tcpConnectionOffloadIPv6", "ipsecOffload"],
            [new("*JumboPacket", ["1514", "4000", "9000"])]),
    ];

    /// <summary>Global cases: host, the CIM settings it has (none without MSFT_NetOffloadGlobalSetting).</summary>
    private static readonly (string File, string[] CimSettings)[] GlobalCases =
    [
        ("x710-server.json", CimGlobalSettings),
        ("realtek-client.json", CimGlobalSettings),
        ("server2008r2.json", []),
    ];

    private static readonly Dictionary<string, JObject> Seeds = new[] { "x710-server.json", "hyperv-guest.json", "realtek-client.json", "server2008r2.json" }
        .ToDictionary(f => f, f => JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", f))));

    private static readonly Gen<(AdapterCase Case, string Desired)> AdapterDesired =
        Gen.Int[0, AdapterCases.Length - 1].SelectMany(i => AdapterDesiredFor(AdapterCases[i]).Select(d => (AdapterCases[i], d)));

    private static readonly Gen<(string File, string Desired)> GlobalDesired =
        Gen.Int[0, GlobalCases.Length - 1].SelectMany(i => GlobalDesiredFor(GlobalCases[i].CimSettings).Select(d => (GlobalCases[i].File, d)));

    [Fact]
    public void NetAdapterOffload_SetThenTest_IsInDesiredStateAndASecondSetChangesNothing()
    {
        AdapterDesired.Sample(sample =>
        {
            var h = Fresh(sample.Case.File);

            h.Set(sample.Desired);
            var test = h.Test(sample.Desired);
            var writes = h.ChangeCount;
            var again = h.Set(sample.Desired);

            test.InDesiredState.Should().BeTrue(sample.Desired);
            test.DifferingProperties.Should().BeEmpty(sample.Desired);
            again.ChangedProperties.Should().BeEmpty(sample.Desired);
            h.ChangeCount.Should().Be(writes, sample.Desired);
        }, iter: 300, print: s => $"{s.Case.File} {s.Desired}");
    }

    [Fact]
    public void NetAdapterOffload_WhatIf_NeverChangesTheFakesAndPredictsTheDesiredValues()
    {
        AdapterDesired.Sample(sample =>
        {
            var h = Fresh(sample.Case.File);
            var desired = JObject.Parse(sample.Desired);

            var outcome = h.WhatIf(sample.Desired);

            h.ChangeCount.Should().Be(0, sample.Desired);
            foreach (var entry in outcome.AfterState["adapters"]!.Cast<JObject>())
            {
                entry["inDesiredState"]!.Value<bool>().Should().BeTrue(sample.Desired);
                foreach (var p in desired.Properties().Where(p => p.Name is not ("name" or "restart")))
                {
                    var predicted = p.Value is JObject map
                        ? new JObject(map.Properties().Select(m => new JProperty(m.Name, entry[p.Name]?[m.Name])))
                        : entry[p.Name];
                    JToken.DeepEquals(predicted, p.Value).Should().BeTrue($"{p.Name} of {entry["name"]} in {sample.Desired}");
                }
            }

            h.Test(sample.Desired).InDesiredState.Should().Be(outcome.ChangedProperties.Count == 0, sample.Desired);
        }, iter: 300, print: s => $"{s.Case.File} {s.Desired}");
    }

    [Fact]
    public void GlobalOffload_SetThenTest_IsInDesiredStateAndASecondSetChangesNothing()
    {
        GlobalDesired.Sample(sample =>
        {
            var h = Fresh(sample.File);

            var set = h.SetGlobal(sample.Desired);
            var test = h.TestGlobal(sample.Desired);
            var writes = h.ChangeCount;
            var again = h.SetGlobal(sample.Desired);

            test.InDesiredState.Should().BeTrue(sample.Desired);
            test.DifferingProperties.Should().BeEmpty(sample.Desired);
            again.ChangedProperties.Should().BeEmpty(sample.Desired);
            h.ChangeCount.Should().Be(writes, sample.Desired);
            var needsRestart = set.ChangedProperties.Contains("tcpipParameters") || set.ChangedProperties.Contains("taskOffload");
            (set.RestartRequired.Count == 1).Should().Be(needsRestart, sample.Desired);
        }, iter: 300, print: s => $"{s.File} {s.Desired}");
    }

    [Fact]
    public void GlobalOffload_WhatIf_NeverChangesTheFakesAndPredictsTheDesiredValues()
    {
        GlobalDesired.Sample(sample =>
        {
            var h = Fresh(sample.File);
            var desired = JObject.Parse(sample.Desired);

            var outcome = h.WhatIfGlobal(sample.Desired);

            h.ChangeCount.Should().Be(0, sample.Desired);
            foreach (var p in desired.Properties())
            {
                JToken.DeepEquals(outcome.AfterState[p.Name], p.Value).Should().BeTrue($"{p.Name} in {sample.Desired}");
            }
        }, iter: 300, print: s => $"{s.File} {s.Desired}");
    }

    private static WindowsResourceHarness Fresh(string file) => new(FakeWindowsHost.FromJson((JObject)Seeds[file].DeepClone()));

    /// <summary>Each typed property, checksum and keyword is left out or given a random valid value; the restart policy too.</summary>
    private static Gen<string> AdapterDesiredFor(AdapterCase c) =>
        Gen.Select(Gen.Int[0, 2].Array[c.Booleans.Length], Gen.Int[0, ChecksumValues.Length].Array[Checksums.Length],
                Gen.Int[0, 99].Array[c.Advanced.Length], Gen.Int[0, 2])
            .Select((booleans, checksums, advanced, restart) =>
            {
                var desired = new JObject { ["name"] = c.Name };
                for (var i = 0; i < c.Booleans.Length; i++)
                {
                    if (booleans[i] < 2)
                    {
                        desired[c.Booleans[i]] = booleans[i] == 1;
                    }
                }

                for (var i = 0; i < Checksums.Length; i++)
                {
                    if (checksums[i] < ChecksumValues.Length)
                    {
                        desired[Checksums[i]] = ChecksumValues[checksums[i]];
                    }
                }

                var map = new JObject();
                for (var i = 0; i < c.Advanced.Length; i++)
                {
                    var values = c.Advanced[i].Values;
                    var pick = advanced[i] % (values.Length + 1);
                    if (pick < values.Length)
                    {
                        map[c.Advanced[i].Keyword] = values[pick];
                    }
                }

                if (map.Count > 0)
                {
                    desired["advancedProperties"] = map;
                }

                if (restart > 0)
                {
                    desired["restart"] = restart == 1 ? "Allowed" : "Never";
                }

                return desired.ToString(Newtonsoft.Json.Formatting.None);
            });

    /// <summary>Each CIM setting is left out or given a valid value; each Tcpip value left out, true, false or null.</summary>
    private static Gen<string> GlobalDesiredFor(string[] cimSettings) =>
        Gen.Select(Gen.Int[0, 3].Array[cimSettings.Length], Gen.Int[0, 3].Array[TcpipValues.Length], Gen.Bool)
            .Select((settings, tcpip, withTcpip) =>
            {
                var desired = new JObject();
                for (var i = 0; i < cimSettings.Length; i++)
                {
                    var values = cimSettings[i] == "chimney" ? ["Disabled", "Enabled", "Automatic"] : EnabledDisabled;
                    if (settings[i] < values.Length)
                    {
                        desired[cimSettings[i]] = values[settings[i]];
                    }
                }

                var members = new JObject();
                for (var i = 0; i < TcpipValues.Length; i++)
                {
                    if (tcpip[i] < 3)
                    {
                        members[TcpipValues[i]] = tcpip[i] == 2 ? JValue.CreateNull() : new JValue(tcpip[i] == 1);
                    }
                }

                if (withTcpip && members.Count > 0)
                {
                    desired["tcpipParameters"] = members;
                }

                return desired.ToString(Newtonsoft.Json.Formatting.None);
            });

    private sealed record AdapterCase(string File, string Name, string[] Booleans, AdvancedKeyword[] Advanced);

    private sealed record AdvancedKeyword(string Keyword, string[] Values);
}
