using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Coexistence;

/// <summary>
/// Coexistence through the published binary: the warnings of config test on the bundled FAST Search
/// example, validate on documents that contradict themselves, 'explain', and the recorded snapshots.
/// </summary>
public class CoexistenceCommandTests : IDisposable
{
    private const string WindowsBaseline = "examples/fast-search-ipsec-baseline.dsc.yaml";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-coexist-");

    public void Dispose() => _dir.Delete(true);

    private static JObject Host(ProcessResult result, string host) =>
        result.StdoutLines.Select(JObject.Parse).Single(e => e["metadata"]!["DscOffload"]!["host"]!.Value<string>() == host);

    private static List<JObject> Warnings(JObject envelope) =>
        envelope["messages"]!.OfType<JObject>().Where(m => m["level"]!.Value<string>() == "warning").ToList();

    private string Document(string text)
    {
        var path = Path.Combine(_dir.FullName, "doc.dsc.yaml");
        File.WriteAllText(path, "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n" + text);
        return path;
    }

    [Fact]
    public void ConfigTest_FastExample_WarnsOnTheHostWhereChimneyMeetsAnIpsecPolicy()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", "examples/snapshots/windows", "--format", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var warning = Warnings(Host(result, "fast-02")).Should().ContainSingle().Subject;
        warning["name"]!.Value<string>().Should().Be("Global offload off");
        warning["message"]!.Value<string>().Should()
            .StartWith("chimney = Automatic, but on fast-02: An IPsec policy is applied; KB 951037: the stack offloads no TCP connection")
            .And.Contain("FAST Search: require IPsec between farm servers");
        Warnings(Host(result, "fast-01")).Should().BeEmpty("fast-01 has the IPsec policy too, but every offload is off");
        Warnings(Host(result, "fast-03")).Should().BeEmpty();
    }

    [Fact]
    public void ConfigTest_FastExampleAsTable_ShowsTheWarningUnderTheHost()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", WindowsBaseline, "--against", "examples/snapshots/windows", "--format", "table");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StdoutLines.ToList();
        var host = lines.FindIndex(l => l.StartsWith("fast-02", StringComparison.Ordinal));
        var next = lines.FindIndex(host + 1, l => l.StartsWith("fast-03", StringComparison.Ordinal));
        lines.Skip(host).Take(next - host).Should().ContainSingle(l => l.Contains("warning") && l.Contains("Global offload off: chimney = Automatic") && l.Contains("IPsec"));
    }

    [Fact]
    public void Validate_DocumentEnablingChimneyWhileAssertingAnIpsecPolicy_Warns()
    {
        var path = Document("""
            - name: IPsec farm
              type: DscOffload.Windows/OffloadCoexistence
              properties:
                ipsecPolicy: true
                compatibleWith: [chimney]
            - name: Chimney on
              type: DscOffload.Windows/GlobalOffload
              properties:
                chimney: Enabled

            """);

        var result = DscOffloadProcess.Run("validate", path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines.Should().ContainSingle().Which.Should().EndWith(": valid (2 instance(s))");
        result.StderrLines.Should().HaveCount(2, result.ToString());
        result.StderrLines.Should().Contain(l => l.Contains("warning: IPsec farm: chimney is asserted usable (compatibleWith) but ipsecPolicy is asserted true"));
        result.StderrLines.Should().Contain(l => l.Contains("warning: Chimney on: desired chimney = Enabled, but in this document: An IPsec policy is applied; KB 951037"));
    }

    [Fact]
    public void Validate_BundledExamples_HaveNothingToWarnAbout()
    {
        var result = DscOffloadProcess.Run("validate", WindowsBaseline, "examples/linux-offload-baseline.dsc.yaml");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void Explain_Chimney_PrintsEveryRowOfTheKbTableWithItsVerdict()
    {
        var result = DscOffloadProcess.Run("explain", "chimney");

        result.ExitCode.Should().Be(0, result.ToString());
        var rows = result.StdoutLines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains("  KB 951037")).ToList();
        rows.Should().HaveCount(10);
        rows.Should().ContainSingle(l => l.Contains("An IPsec policy is applied") && l.Contains("No (2008 R2: Partial)"));
        rows.Should().ContainSingle(l => l.Contains("Hyper-V runs virtual machines") && l.Contains("No (2008 R2: Yes)"));
        rows.Should().ContainSingle(l => l.Contains("Network Load Balancing") && l.Contains(" No "));
        rows.Should().ContainSingle(l => l.Contains("Windows Firewall") && l.Contains(" Yes "));
        rows.Should().ContainSingle(l => l.Contains("third-party firewall") && l.Contains("Implementation-specific"));
        result.Stdout.Should().NotContain("xfrm", "the Linux table is separate");
    }

    [Fact]
    public void Explain_NameOnBothPlatforms_PrintsTheTablesSeparately()
    {
        var result = DscOffloadProcess.Run("explain", "checksum");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines.Where(l => l.StartsWith("checksum: ", StringComparison.Ordinal)).Should().Equal("checksum: Checksum offload (Windows)", "checksum: Checksum offload (Linux)");
        result.Stdout.Should().Contain("No row of the table restricts checksum").And.Contain("bondMaster: A bonding device aggregates interfaces");
    }

    [Fact]
    public void Explain_Espoffload_NamesTheXfrmConditions()
    {
        var result = DscOffloadProcess.Run("explain", "espoffload");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("xfrmState").And.Contain("xfrmStateOffloaded").And.Contain("active-backup").And.NotContain("KB 951037");
    }

    [Fact]
    public void Explain_UnknownName_ExitsOneAndListsTheNames()
    {
        var result = DscOffloadProcess.Run("explain", "tcpoffload");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().Contain("'tcpoffload' is not an offload or condition name")
            .And.Contain("chimney, rss, netdma, taskoffload, lso, checksum, rsc, ipsecoffload").And.Contain("espoffload");
    }

    [Theory]
    [InlineData("windows/fast-01.dsc.json", "DscOffload.Windows/OffloadCoexistence")]
    [InlineData("windows/fast-02.dsc.json", "DscOffload.Windows/OffloadCoexistence")]
    [InlineData("windows/fast-03.dsc.json", "DscOffload.Windows/OffloadCoexistence")]
    [InlineData("linux/web-01.dsc.json", "DscOffload.Linux/OffloadCoexistence")]
    [InlineData("linux/web-02.dsc.json", "DscOffload.Linux/OffloadCoexistence")]
    public void Snapshot_CoexistenceState_IsExactlyWhatExportWritesFromIt(string snapshot, string type)
    {
        var path = RepositoryPaths.InRepo("examples", "snapshots", snapshot);
        var recorded = (JObject)JObject.Parse(File.ReadAllText(path))["resources"]!.Single(r => r["type"]!.Value<string>() == type)["properties"]!;

        var result = DscOffloadProcess.Run(["resource", "export", "--type", type, "--input", "{}"], env: new Dictionary<string, string?> { ["DSCOFFLOAD_RESOURCE_STATE"] = path });

        result.ExitCode.Should().Be(0, result.ToString());
        var exported = JObject.Parse(result.StdoutLines.Single());
        exported.Remove("_name");
        JToken.DeepEquals(exported, recorded).Should().BeTrue($"re-record {snapshot} from the current table:\n{exported}");
    }

    [Fact]
    public void ResourceTest_CoexistenceAssertionAgainstRecordedHost_FollowsTheProtocol()
    {
        var path = RepositoryPaths.InRepo("examples", "snapshots", "windows", "fast-02.dsc.json");

        var result = DscOffloadProcess.Run(["resource", "test", "--type", "DscOffload.Windows/OffloadCoexistence", "--input", """{"ipsecPolicy": false}"""],
            env: new Dictionary<string, string?> { ["DSCOFFLOAD_RESOURCE_STATE"] = path });

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StdoutLines;
        lines.Should().HaveCount(2);
        JObject.Parse(lines[0])["_inDesiredState"]!.Value<bool>().Should().BeFalse();
        JArray.Parse(lines[1]).Values<string>().Should().Equal("ipsecPolicy");
    }
}
