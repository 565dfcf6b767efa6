using DscOffload.Core.Coexistence;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Coexistence;

/// <summary>
/// What the advice says for a document's instances next to a host's conditions: which verdicts warn,
/// when desired or actual values count, and per-interface effects.
/// </summary>
public class CoexistenceAdvisorTests
{
    private const string Global = "DscOffload.Windows/GlobalOffload";
    private const string Adapter = "DscOffload.Windows/NetAdapterOffload";
    private const string LinuxAdapter = "DscOffload.Linux/NetAdapterOffload";

    private static PlatformCoexistenceTable Windows => CoexistenceTable.ForPlatform("Windows")!;

    private static PlatformCoexistenceTable Linux => CoexistenceTable.ForPlatform("Linux")!;

    private static CoexistenceReport Report(string id, params string[] interfaces)
    {
        var report = new CoexistenceReport();
        report.Add(id, "test", [$"evidence of {id}"], interfaces);
        return report;
    }

    private static List<CoexistenceAdvice> Advise(PlatformCoexistenceTable table, CoexistenceReport report, string type, string desired, string? actual = null) =>
        CoexistenceAdvisor.Advise(table, report, [new CoexistenceSubject("i", type, JObject.Parse(desired), actual is null ? null : JObject.Parse(actual))], "on h").ToList();

    [Fact]
    public void VerdictNo_WarnsAboutAnOffloadThatIsOnAlthoughTheDocumentTurnsItOff()
    {
        var advice = Advise(Windows, Report("ipsecPolicy"), Global, """{"chimney": "Disabled"}""", """{"chimney": "Automatic"}""");

        advice.Should().ContainSingle().Which.Should().Be(new CoexistenceAdvice("i", Global, MessageLevel.Warning,
            "chimney = Automatic, but on h: An IPsec policy is applied; KB 951037: the stack offloads no TCP connection while an IPsec policy is applied; TechNet gg162710 (Windows Server 2008 R2) says Partial. Evidence: evidence of ipsecPolicy (from test). " +
            "From Windows build 16299 the setting has no effect (TCP Chimney Offload was removed in Windows 10 / Windows Server version 1709 (build 16299)): desired off is satisfied there and on is refused. " +
            "See 'dscoffload explain chimney'."));
    }

    [Fact]
    public void DesiredValue_IsReportedInsteadOfTheActualOne()
    {
        var advice = Advise(Windows, Report("natOrIcs"), Global, """{"tcpipParameters": {"enableTCPChimney": true}}""", """{"tcpipParameters": {"enableTCPChimney": null}}""");

        advice.Should().ContainSingle().Which.Text.Should().StartWith("desired tcpipParameters.enableTCPChimney = true, but on h: Network Address Translation");
    }

    [Theory]
    [InlineData("""{"chimney": "Disabled"}""", """{"chimney": "Disabled"}""")]
    [InlineData("""{"receiveSideScaling": "Enabled"}""", """{"receiveSideScaling": "Enabled"}""")]
    public void NothingOnThatTheConditionAffects_GivesNoAdvice(string desired, string actual)
    {
        Advise(Windows, Report("ipsecPolicy"), Global, desired, actual).Should().BeEmpty();
    }

    [Theory]
    [InlineData("windowsFirewall")]
    [InlineData("clusterService")]
    public void VerdictYes_GivesNoAdvice(string condition)
    {
        Advise(Windows, Report(condition), Global, """{"chimney": "Enabled"}""").Should().BeEmpty();
    }

    [Fact]
    public void VerdictPartial_WarnsWhenDesiredAndInformsWhenOnlyActual()
    {
        Advise(Windows, Report("netFtAdapter"), Global, """{"chimney": "Enabled"}""").Should().ContainSingle().Which.Level.Should().Be(MessageLevel.Warning);
        Advise(Windows, Report("netFtAdapter"), Global, "{}", """{"chimney": "Enabled"}""").Should().ContainSingle().Which.Level.Should().Be(MessageLevel.Information);
    }

    [Fact]
    public void ImplementationSpecific_InformsOnlyWhenTheDocumentTurnsTheOffloadOn()
    {
        Advise(Windows, Report("nicTeaming"), Global, """{"chimney": "Enabled"}""").Should().ContainSingle().Which.Level.Should().Be(MessageLevel.Information);
        Advise(Windows, Report("nicTeaming"), Global, "{}", """{"chimney": "Enabled"}""").Should().BeEmpty();
    }

    [Fact]
    public void PerInterfaceEffect_ConcernsOnlyTheMatchedAdaptersTheConditionNames()
    {
        const string actual = """
            {"adapters": [{"name": "Ethernet", "rscIPv4": true}, {"name": "Ethernet 2", "rscIPv4": true}]}
            """;

        var onSwitch = Advise(Windows, Report("hyperV", "Ethernet 2"), Adapter, """{"name": "*"}""", actual);
        var elsewhere = Advise(Windows, Report("hyperV", "vEthernet (Backend)"), Adapter, """{"name": "*"}""", actual);

        onSwitch.Should().ContainSingle().Which.Text.Should().StartWith("rscIPv4 of Ethernet 2 = true, but on h (Ethernet 2): Hyper-V runs virtual machines");
        elsewhere.Should().BeEmpty();
    }

    [Fact]
    public void HostWideEffect_ReadsTheAdaptersOfAnAdapterInstance()
    {
        const string actual = """{"adapters": [{"name": "Ethernet", "tcpConnectionOffloadIPv4": false}, {"name": "Ethernet 2", "tcpConnectionOffloadIPv4": true}]}""";

        Advise(Windows, Report("networkLoadBalancing"), Adapter, """{"name": "*"}""", actual)
            .Should().ContainSingle().Which.Text.Should().StartWith("tcpConnectionOffloadIPv4 of Ethernet 2 = true, but on h: Network Load Balancing");
    }

    [Fact]
    public void LinuxAliases_CountAsTheOffloadTheyStandFor()
    {
        var advice = Advise(Linux, Report("xfrmPolicy"), LinuxAdapter, """{"name": "eth*", "features": {"tso": true}}""");

        advice.Should().ContainSingle().Which.Text.Should().StartWith("desired features.tso = true, but on h: IPsec (xfrm) policies are installed; Linux kernel (net/core/sock.c, sk_setup_caps)");
    }

    [Fact]
    public void OtherPlatformsTypes_AreNotAdvisedByThisTable()
    {
        Advise(Linux, Report("bondMaster", "bond0"), Global, """{"chimney": "Enabled"}""").Should().BeEmpty();
    }

    [Fact]
    public void ForDocument_OffloadNextToAnAssertedCondition_IsAContradiction()
    {
        var document = Prepared(
            ("Farm", "DscOffload.Windows/OffloadCoexistence", """{"natOrIcs": true, "hyperV": false}"""),
            ("Chimney", Global, """{"chimney": "Automatic"}"""));

        var advice = CoexistenceAdvisor.ForDocument(document);

        advice.Should().ContainSingle().Which.Text.Should().StartWith("desired chimney = Automatic, but in this document: Network Address Translation or Internet Connection Sharing is running; KB 951037")
            .And.Contain("asserted by 'Farm'");
    }

    [Fact]
    public void ForDocument_CompatibleWithAgainstAnAssertedCondition_IsAContradiction()
    {
        var document = Prepared(("Farm", "DscOffload.Windows/OffloadCoexistence", """{"ipsecPolicy": true, "compatibleWith": ["chimney", "rss"]}"""));

        CoexistenceAdvisor.ForDocument(document).Should().ContainSingle().Which.Text.Should()
            .Be("chimney is asserted usable (compatibleWith) but ipsecPolicy is asserted true (An IPsec policy is applied); KB 951037: the stack offloads no TCP connection while an IPsec policy is applied");
    }

    [Fact]
    public void ForDocument_WithoutAssertions_SaysNothing()
    {
        CoexistenceAdvisor.ForDocument(Prepared(("Chimney", Global, """{"chimney": "Enabled"}"""))).Should().BeEmpty();
    }

    private static PreparedConfiguration Prepared(params (string Name, string Type, string Properties)[] instances) =>
        new("doc.dsc.yaml", instances.Select(i => new PreparedInstance(new EngineInstance(i.Name, i.Type, JObject.Parse(i.Properties), null, null), null!)).ToList(), []);
}
