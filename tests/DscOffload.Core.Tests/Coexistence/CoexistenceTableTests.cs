using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Coexistence;

/// <summary>The embedded coexistence tables: that they say what KB 951037 and the 2008 R2 table say, and that malformed tables are refused.</summary>
public class CoexistenceTableTests
{
    private static PlatformCoexistenceTable Windows => CoexistenceTable.ForPlatform("Windows")!;

    [Theory]
    [InlineData("windowsFirewall", CoexistenceVerdict.Yes)]
    [InlineData("thirdPartyFilter", CoexistenceVerdict.ImplementationSpecific)]
    [InlineData("ipsecPolicy", CoexistenceVerdict.No)]
    [InlineData("nicTeaming", CoexistenceVerdict.ImplementationSpecific)]
    [InlineData("hyperV", CoexistenceVerdict.No)]
    [InlineData("networkMonitor", CoexistenceVerdict.ImplementationSpecific)]
    [InlineData("networkLoadBalancing", CoexistenceVerdict.No)]
    [InlineData("clusterService", CoexistenceVerdict.Yes)]
    [InlineData("netFtAdapter", CoexistenceVerdict.Partial)]
    [InlineData("natOrIcs", CoexistenceVerdict.No)]
    public void Windows_ChimneyVerdicts_AreThoseOfKb951037(string row, CoexistenceVerdict verdict)
    {
        Windows.Row(row)!.Effects["chimney"].Verdict.Should().Be(verdict);
        Windows.Row(row)!.Source.Should().StartWith("KB 951037");
    }

    [Fact]
    public void Windows_2008R2Nuances_AreKeptBesideTheKbVerdicts()
    {
        Windows.Row("ipsecPolicy")!.Nuance!.Chimney.Should().Be(CoexistenceVerdict.Partial);
        Windows.Row("hyperV")!.Nuance!.Chimney.Should().Be(CoexistenceVerdict.Yes);
        Windows.Row("clusterService")!.Nuance!.Chimney.Should().Be(CoexistenceVerdict.Partial);
        Windows.Rows.Where(r => r.Nuance is not null).Should().OnlyContain(r => r.Nuance!.Source.Contains("gg162710"));
    }

    [Fact]
    public void Tables_AreSeparatePerPlatformAndBoundToTheirResourceTypes()
    {
        CoexistenceTable.Platforms.Select(t => (t.Platform, t.ResourceType)).Should().Equal(
            ("Windows", "DscOffload.Windows/OffloadCoexistence"), ("Linux", "DscOffload.Linux/OffloadCoexistence"));
        var linux = CoexistenceTable.ForPlatform("Linux")!;
        linux.Rows.Select(r => r.Id).Should().Equal("xfrmPolicy", "xfrmState", "xfrmStateOffloaded", "bondMaster", "teamMaster");
        linux.Offloads.SelectMany(o => o.Settings).Should().OnlyContain(s => s.Type == "DscOffload.Linux/NetAdapterOffload");
        Windows.Offloads.SelectMany(o => o.Settings).Should().OnlyContain(s => s.Type.StartsWith("DscOffload.Windows/"));
    }

    [Fact]
    public void Offloads_NameTheOffloadsOfTheIssue()
    {
        Windows.Offloads.Select(o => o.Name).Should().Equal("chimney", "rss", "netdma", "taskoffload", "lso", "checksum", "rsc", "ipsecoffload");
        CoexistenceTable.ForPlatform("Linux")!.Offloads.Select(o => o.Name).Should().Equal("tso", "gso", "gro", "lro", "checksum", "espoffload");
    }

    [Fact]
    public void OffloadSetting_ReadsNestedPathsAndKnowsItsOnValues()
    {
        var chimney = Windows.Offload("chimney")!.Settings;
        var state = JObject.Parse("""{"chimney": "Automatic", "tcpipParameters": {"enableTCPChimney": null}}""");

        chimney[0].IsOn(chimney[0].ValueIn(state)).Should().BeTrue();
        chimney[1].ValueIn(state).Should().BeNull("null means the registry value is absent");
        chimney[0].IsOn(new JValue("Disabled")).Should().BeFalse();
    }

    [Fact]
    public void Parse_EffectOnAnUnknownOffload_IsRefused()
    {
        var act = () => CoexistenceTable.Parse(JObject.Parse("""
            {"platforms": [{"platform": "Windows", "title": "t", "resourceType": "X/Y", "offloads": [],
              "rows": [{"id": "a", "condition": "c", "source": "s", "explanation": "e", "detection": "d",
                        "effects": {"chimney": {"verdict": "No", "note": "n"}}}]}]}
            """));

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput)
            .WithMessage("*row 'a'*unknown offload 'chimney'*");
    }

    [Fact]
    public void Parse_UnknownVerdict_ListsTheVerdicts()
    {
        var act = () => CoexistenceTable.Parse(JObject.Parse("""
            {"platforms": [{"platform": "Windows", "title": "t", "resourceType": "X/Y",
              "offloads": [{"name": "chimney", "title": "t", "settings": []}],
              "rows": [{"id": "a", "condition": "c", "source": "s", "explanation": "e", "detection": "d",
                        "effects": {"chimney": {"verdict": "Maybe", "note": "n"}}}]}]}
            """));

        act.Should().Throw<DscOffloadException>().WithMessage("*'Maybe' is not a verdict; allowed: Yes, No, Partial, ImplementationSpecific*");
    }
}
