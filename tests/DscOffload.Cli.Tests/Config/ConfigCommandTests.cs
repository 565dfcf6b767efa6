using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>The engine's config commands on the bundled examples, through the published binary.</summary>
public class ConfigCommandTests
{
    private const string WindowsBaseline = "examples/fast-search-ipsec-baseline.dsc.yaml";
    private const string LinuxBaseline = "examples/linux-offload-baseline.dsc.yaml";

    private static List<JObject> Envelopes(ProcessResult result) =>
        result.StdoutLines.Select(JObject.Parse).ToList();

    private static JObject Host(List<JObject> envelopes, string host) =>
        envelopes.Single(e => e["metadata"]!["DscOffload"]!["host"]!.Value<string>() == host);

    private static JObject Result(JObject envelope, string name) =>
        (JObject)envelope["results"]!.Single(r => r["name"]!.Value<string>() == name)["result"]!;

    [Fact]
    public void Test_WindowsBaselineAgainstRecordedFleet_ReportsEachHostsDrift()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", "examples/snapshots/windows", "--format", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        var envelopes = Envelopes(result);
        envelopes.Should().HaveCount(3);

        var compliant = Host(envelopes, "fast-01");
        compliant["hadErrors"]!.Value<bool>().Should().BeFalse();
        compliant["results"]!.Should().OnlyContain(r => r["result"]!["inDesiredState"]!.Value<bool>());
        compliant["metadata"]!["Microsoft.DSC"]!["operation"]!.Value<string>().Should().Be("test");

        var drifted = Host(envelopes, "fast-02");
        var global = Result(drifted, "Global offload off");
        global["inDesiredState"]!.Value<bool>().Should().BeFalse();
        global["differingProperties"]!.Values<string>().Should().BeEquivalentTo("chimney", "receiveSideScaling", "tcpipParameters");
        global["actualState"]!["chimney"]!.Value<string>().Should().Be("Automatic");
        var adapters = Result(drifted, "Adapter offload off");
        adapters["inDesiredState"]!.Value<bool>().Should().BeFalse();
        var detail = (JArray)adapters["actualState"]!["adapters"]!;
        detail.Single(a => a["name"]!.Value<string>() == "Ethernet")["inDesiredState"]!.Value<bool>().Should().BeFalse();
        detail.Single(a => a["name"]!.Value<string>() == "Ethernet 2")["inDesiredState"]!.Value<bool>().Should().BeTrue();
        adapters["actualState"]!["lsoIPv4"]!.Value<bool>().Should().BeTrue("the first adapter that differs from desired gives the top-level value");

        var vnic = Result(Host(envelopes, "fast-03"), "Adapter offload off");
        vnic["differingProperties"]!.Values<string>().Should().Equal("lsoIPv4");
    }

    [Fact]
    public void Test_HiddenAdapters_AreLeftOutUnlessIncluded()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", "examples/snapshots/windows/fast-01.dsc.json", "--format", "json");
        var adapters = (JArray)Result(Envelopes(result)[0], "Adapter offload off")["actualState"]!["adapters"]!;
        adapters.Select(a => a["name"]!.Value<string>()).Should().Equal("Ethernet", "Ethernet 2");
    }

    [Fact]
    public void Test_LinuxBaseline_ExpandsAliasesToKernelNames()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", LinuxBaseline, "--against", "examples/snapshots/linux", "--format", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        var envelopes = Envelopes(result);
        Result(Host(envelopes, "web-01"), "Data interfaces without offloads")["inDesiredState"]!.Value<bool>().Should().BeTrue();
        var drifted = Result(Host(envelopes, "web-02"), "Data interfaces without offloads");
        drifted["differingProperties"]!.Values<string>().Should().BeEquivalentTo("features", "channels");
        var desired = (JObject)drifted["desiredState"]!["features"]!;
        desired.Properties().Select(p => p.Name).Should().Contain(["tx-tcp-segmentation", "tx-tcp6-segmentation", "rx-gro", "rx-checksum", "tx-generic-segmentation"])
            .And.NotContain(["tso", "gro", "tx-checksum-ipv4"], "aliases expand to the changeable kernel features");
    }

    [Fact]
    public void Test_FailOnDrift_ExitsWithTheDriftCode()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", "examples/snapshots/windows", "--format", "json", "--fail-on-drift");
        result.ExitCode.Should().Be(8, result.ToString());
        var clean = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", "examples/snapshots/windows/fast-01.dsc.json", "--format", "json", "--fail-on-drift");
        clean.ExitCode.Should().Be(0, clean.ToString());
    }

    [Fact]
    public void SetWhatIf_AgainstRecordedState_PredictsAndChangesNothing()
    {
        var snapshot = RepositoryPaths.InRepo("examples", "snapshots", "windows", "fast-02.dsc.json");
        var before = File.ReadAllText(snapshot);
        var result = DscOffloadProcess.Run("config", "set", "--what-if", "--file", WindowsBaseline, "--against", snapshot, "--format", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        var envelope = Envelopes(result).Single();
        envelope["metadata"]!["Microsoft.DSC"]!["executionType"]!.Value<string>().Should().Be("whatIf");
        var global = Result(envelope, "Global offload off");
        global["changedProperties"]!.Values<string>().Should().Contain("chimney");
        global["afterState"]!["chimney"]!.Value<string>().Should().Be("Disabled");
        File.ReadAllText(snapshot).Should().Be(before);
    }

    [Fact]
    public void Set_AgainstRecordedState_IsRefusedWithoutWhatIf()
    {
        var result = DscOffloadProcess.Run("config", "set", "--file", WindowsBaseline, "--against", "examples/snapshots/windows");
        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("recorded hosts are read-only").And.Contain("--what-if");
        result.StderrLines.Should().ContainSingle();
    }

    [Fact]
    public void Export_AgainstRecordedHost_WritesAConfigurationDocument()
    {
        var result = DscOffloadProcess.Run("config", "export", "--file", LinuxBaseline, "--against", "examples/snapshots/linux/web-01.dsc.json", "--format", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        var document = JObject.Parse(result.Stdout);
        document["resources"]!.Select(r => r["name"]!.Value<string>()).Should().Equal("eth0", "eth1");
    }

    [Fact]
    public void Validate_BundledExamples_AreValid()
    {
        var result = DscOffloadProcess.Run("validate", WindowsBaseline, LinuxBaseline);
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines.Should().HaveCount(2).And.OnlyContain(l => l.Contains(": valid ("));
    }

    [Fact]
    public void Test_CorruptSnapshotAmongOthers_IsReportedAndTheOthersStillRun()
    {
        var dir = Directory.CreateTempSubdirectory("dscoffload-fleet-");
        try
        {
            foreach (var f in Directory.GetFiles(RepositoryPaths.InRepo("examples", "snapshots", "windows")))
            {
                File.Copy(f, Path.Combine(dir.FullName, Path.GetFileName(f)));
            }

            File.WriteAllText(Path.Combine(dir.FullName, "broken.dsc.json"), "{\"resources\": [\n  {\"type\": }\n]}");
            var result = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", dir.FullName, "--format", "json");
            result.ExitCode.Should().Be(4, "an unreadable snapshot is invalid input (README exit codes)");
            result.StderrLines.Should().ContainSingle().Which.Should().Contain("broken.dsc.json:2:");
            var envelopes = Envelopes(result);
            envelopes.Should().HaveCount(4);
            var broken = envelopes.Single(e => e["metadata"]!["DscOffload"]!["snapshot"]!.Value<string>()!.EndsWith("broken.dsc.json"));
            broken["hadErrors"]!.Value<bool>().Should().BeTrue();
            broken["messages"]![0]!["message"]!.Value<string>().Should().Contain("broken.dsc.json:2:");
            envelopes.Count(e => !e["hadErrors"]!.Value<bool>()).Should().Be(3);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Test_BadRecordedValueAmongOtherSnapshots_NamesItsFileLineAndColumn()
    {
        var dir = Directory.CreateTempSubdirectory("dscoffload-fleet-");
        try
        {
            foreach (var f in Directory.GetFiles(RepositoryPaths.InRepo("examples", "snapshots", "windows")))
            {
                File.Copy(f, Path.Combine(dir.FullName, Path.GetFileName(f)));
            }

            // Fleet snapshots are read without locations; the one whose value fails its instance still names where it is.
            var bad = Path.Combine(dir.FullName, "fast-01.dsc.json");
            var text = File.ReadAllText(bad);
            var at = text.IndexOf("\"lsoIPv4\": false", StringComparison.Ordinal) + "\"lsoIPv4\": ".Length;
            File.WriteAllText(bad, text[..at] + "\"yes\"" + text[(at + "false".Length)..]);
            var line = text[..at].Count(c => c == '\n') + 1;
            var column = at - text.LastIndexOf('\n', at - 1);

            var result = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", dir.FullName, "--format", "json");

            result.ExitCode.Should().NotBe(0, result.ToString());
            result.Stderr.Should().Contain($"fast-01.dsc.json:{line}:{column}").And.Contain("lsoIPv4");
            var envelopes = Envelopes(result);
            envelopes.Should().HaveCount(3);
            Host(envelopes, "fast-01")["messages"]!.Select(m => m["message"]!.Value<string>()).Should().Contain(m => m!.Contains($"fast-01.dsc.json:{line}:{column}"));
            envelopes.Count(e => !e["hadErrors"]!.Value<bool>()).Should().Be(2);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
