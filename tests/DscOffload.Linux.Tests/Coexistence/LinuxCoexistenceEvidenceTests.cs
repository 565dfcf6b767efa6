using DscOffload.Core.Coexistence;
using DscOffload.Linux.Coexistence;

namespace DscOffload.Linux.Tests.Coexistence;

/// <summary>How parsed links, policies and SAs become rows of the Linux coexistence table.</summary>
public class LinuxCoexistenceEvidenceTests
{
    [Fact]
    public void AddLinks_BondsAndTeams_ListTheirMembersAndNameTheMasterAsInterface()
    {
        var report = new CoexistenceReport();
        NetlinkLink[] links =
        [
            new(1, "lo", null, null, 0, null),
            new(2, "eth0", null, "bond", 5, null),
            new(3, "eth1", null, "bond", 5, null),
            new(4, "eth2", null, "team", 6, null),
            new(5, "bond0", "bond", null, 0, 4),
            new(6, "team0", "team", null, 0, null),
            new(7, "br0", "bridge", null, 0, null),
        ];

        LinuxCoexistenceEvidence.AddLinks(report, links);

        report.Find("bondMaster")!.Details.Should().Equal("bond0 (mode 802.3ad) with slaves eth0, eth1");
        report.Find("bondMaster")!.Interfaces.Should().Equal("bond0");
        report.Find("teamMaster")!.Details.Should().Equal("team0 with ports eth2");
        report.Detected.Should().HaveCount(2, "a bridge is no row of the table");
    }

    [Fact]
    public void AddPolicies_OnlyTransformingPoliciesCount()
    {
        var report = new CoexistenceReport();

        LinuxCoexistenceEvidence.AddPolicies(report, [new XfrmPolicy(0, 1, "0.0.0.0/0 → 0.0.0.0/0", [], 1), new XfrmPolicy(1, 0, "a → b", [], 2)]);
        report.Has("xfrmPolicy").Should().BeFalse();

        LinuxCoexistenceEvidence.AddPolicies(report, [new XfrmPolicy(1, 0, "10.0.0.1/32 → 10.0.0.2/32 tcp", ["esp transport"], 3)]);
        report.Find("xfrmPolicy")!.Details.Should().Equal("policy dir out 10.0.0.1/32 → 10.0.0.2/32 tcp: esp transport");
    }

    [Fact]
    public void AddStates_SeparatesSoftwareFromOffloadedSas()
    {
        var report = new CoexistenceReport();
        var names = new Dictionary<int, string> { [4] = "eth0" };

        LinuxCoexistenceEvidence.AddStates(report,
        [
            new XfrmState("10.0.0.1", "10.0.0.2", 0x101, 50, 0, null, 0),
            new XfrmState("10.0.0.2", "10.0.0.1", 0x102, 50, 0, 4, 2),
            new XfrmState("10.0.0.1", "10.0.0.3", 0x103, 50, 1, 9, 4),
        ], names);

        report.Find("xfrmState")!.Details.Should().Equal("SA 10.0.0.1 → 10.0.0.2 esp spi 0x00000101 transport");
        var offloaded = report.Find("xfrmStateOffloaded")!;
        offloaded.Interfaces.Should().Equal("eth0", "ifindex 9");
        offloaded.Details.Should().Equal(
            "SA 10.0.0.2 → 10.0.0.1 esp spi 0x00000102 transport on eth0 (crypto offload, dir in)",
            "SA 10.0.0.1 → 10.0.0.3 esp spi 0x00000103 tunnel on ifindex 9 (packet offload, dir out)");
    }

    [Fact]
    public void AddPolicies_ManyPolicies_AreSummarised()
    {
        var report = new CoexistenceReport();

        LinuxCoexistenceEvidence.AddPolicies(report, Enumerable.Range(0, 25).Select(i => new XfrmPolicy(1, 0, $"p{i}", ["esp transport"], (uint)i)).ToList());

        report.Find("xfrmPolicy")!.Details.Should().HaveCount(21).And.EndWith("and 5 more");
    }
}
