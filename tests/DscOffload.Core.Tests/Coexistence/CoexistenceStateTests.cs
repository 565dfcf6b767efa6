using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Coexistence;

/// <summary>The OffloadCoexistence property shape: written from a report with the table's meaning, read back as evidence only.</summary>
public class CoexistenceStateTests
{
    private static PlatformCoexistenceTable Windows => CoexistenceTable.ForPlatform("Windows")!;

    [Fact]
    public void RoundTrip_KeepsEvidenceAndUndeterminedReasons()
    {
        var report = new CoexistenceReport();
        report.Add("hyperV", "Win32_Service 'vmms'", ["service vmms is Running"]);
        report.Add("hyperV", "MSFT_NetAdapterBindingSettingData", ["Ethernet attached to a Hyper-V switch (vms_pp bound)"], ["Ethernet"]);
        report.MarkUndetermined("networkLoadBalancing", "MSFT_NetAdapterBindingSettingData does not exist on this Windows version");

        var back = CoexistenceState.FromJson(Windows, CoexistenceState.ToJson(Windows, report));

        var hyperV = back.Find("hyperV")!;
        hyperV.DetectedBy.Should().Be("Win32_Service 'vmms'; MSFT_NetAdapterBindingSettingData");
        hyperV.Details.Should().HaveCount(2);
        hyperV.Interfaces.Should().Equal("Ethernet");
        back.Has("networkLoadBalancing").Should().BeNull();
        back.Undetermined["networkLoadBalancing"].Should().Be("MSFT_NetAdapterBindingSettingData does not exist on this Windows version");
        back.Has("ipsecPolicy").Should().BeFalse();
    }

    [Fact]
    public void RoundTripWithoutJson_IsWhatReadingBackTheWrittenStateGives()
    {
        var report = new CoexistenceReport();
        // Added out of the table's order, merged, with and without interfaces, and one undetermined.
        report.Add("hyperV", "Win32_Service 'vmms'", ["service vmms is Running"]);
        report.Add("hyperV", "MSFT_NetAdapterBindingSettingData", ["Ethernet bound"], ["Ethernet"]);
        report.Add("ipsecPolicy", "MSFT_NetIPsecMainModeSA", ["rule A"]);
        report.MarkUndetermined("networkLoadBalancing", "MSFT_NetAdapterBindingSettingData does not exist on this Windows version");

        var direct = CoexistenceState.RoundTrip(Windows, report);
        var viaJson = CoexistenceState.FromJson(Windows, CoexistenceState.ToJson(Windows, report));

        direct.Detected.Should().BeEquivalentTo(viaJson.Detected, o => o.WithStrictOrdering());
        direct.Undetermined.Should().Equal(viaJson.Undetermined);
        CoexistenceState.ToJson(Windows, direct).ToString().Should().Be(CoexistenceState.ToJson(Windows, viaJson).ToString());
    }

    [Fact]
    public void ToJson_UndeterminedConditionThatRulesChimneyOut_KeepsChimneyOutOfCompatibleWith()
    {
        var report = new CoexistenceReport();
        report.MarkUndetermined("networkLoadBalancing", "unknown");

        var state = CoexistenceState.ToJson(Windows, report);

        state["compatibleWith"]!.Values<string>().Should().NotContain("chimney").And.Contain("rsc");
        state["networkLoadBalancing"]!.Type.Should().Be(JTokenType.Null);
    }

    [Fact]
    public void FromJson_ConditionOfAnotherTable_IsAnErrorWithItsLocation()
    {
        var state = JObject.Parse("""{"conditions": [{"id": "bondMaster", "detectedBy": "x", "details": []}]}""");

        var act = () => CoexistenceState.FromJson(Windows, state, "old.dsc.json");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput)
            .WithMessage("*'bondMaster' is not in the Windows coexistence table*");
    }

    [Fact]
    public void FromJson_FlagWithoutConditionDetail_StillCountsAsPresent()
    {
        var back = CoexistenceState.FromJson(Windows, JObject.Parse("""{"ipsecPolicy": true, "hyperV": null}"""));

        back.Has("ipsecPolicy").Should().BeTrue();
        back.Has("hyperV").Should().BeNull();
        back.Undetermined["hyperV"].Should().Be("not determined when the state was recorded");
    }
}
