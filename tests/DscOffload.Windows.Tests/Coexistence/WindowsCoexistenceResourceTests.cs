using DscOffload.Core.Coexistence;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Windows.Coexistence;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Coexistence;

/// <summary>
/// DscOffload.Windows/OffloadCoexistence over the fakes and over recorded state: what each row of the
/// table reports, and how a document's assertions are tested.
/// </summary>
public class WindowsCoexistenceResourceTests
{
    private static readonly WindowsOffloadCoexistenceProvider Provider = new();

    public static TheoryData<string> EveryRow() => CimCoexistenceProbeTests.EveryRow();

    private static CoexistenceResource Live(FakeWindowsHost host) =>
        new(Provider.Descriptor, Provider.Table, CoexistenceHosts.Probe(host));

    private static OperationContext Context(List<ResourceMessage> sink) => new(sink.Add, "SRV-X710-01");

    private static FakeWindowsHost HostWith(params string[] rows)
    {
        var host = CoexistenceHosts.Baseline();
        foreach (var id in rows)
        {
            CoexistenceHosts.RowEvidence[id](host);
        }

        return host;
    }

    private static JObject Snapshot(JObject exported)
    {
        exported.Remove("_name");
        return new JObject
        {
            ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = "SRV-X710-01", ["os"] = "windows" } },
            ["resources"] = new JArray(new JObject { ["type"] = WindowsOffloadCoexistenceProvider.TypeName, ["name"] = "OffloadCoexistence", ["properties"] = exported }),
        };
    }

    [Fact]
    public void Descriptor_IsReadOnlyWithOneConditionPropertyPerRow()
    {
        var d = Provider.Descriptor;

        d.Type.Should().Be(WindowsOffloadCoexistenceProvider.TypeName);
        d.CanSet.Should().BeFalse();
        d.Properties.Select(p => p.Name).Should().Equal([.. Provider.Table.Rows.Select(r => r.Id), "compatibleWith", "conditions", "notes"]);
        d.Property("compatibleWith")!.AllowedValues.Should().Contain(["chimney", "rss", "netdma", "taskoffload", "lso", "checksum", "rsc", "ipsecoffload"]);
        Live(HostWith()).Should().NotBeAssignableTo<ISettableResource>();
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void Get_OneConditionPresent_ReportsItWithItsEvidenceAndMeaning(string id)
    {
        var row = Provider.Table.Row(id)!;

        var state = Live(HostWith(id)).Get([], Context([])).ActualState;

        foreach (var other in Provider.Table.Rows)
        {
            state[other.Id]!.Value<bool>().Should().Be(other.Id == id, other.Id);
        }

        var condition = (JObject)((JArray)state["conditions"]!).Should().ContainSingle().Subject;
        condition["id"]!.Value<string>().Should().Be(id);
        condition["meaning"]!.Value<string>().Should().Be(row.Explanation);
        condition["source"]!.Value<string>().Should().Be(row.Source);
        ((JObject)condition["effects"]!).Properties().ToDictionary(p => p.Name, p => p.Value.Value<string>())
            .Should().BeEquivalentTo(row.Effects.ToDictionary(e => e.Key, e => (string?)e.Value.Verdict.ToString()));
        var ruledOut = row.Effects.Where(e => e.Value.Verdict == CoexistenceVerdict.No).Select(e => e.Key).ToList();
        state["compatibleWith"]!.Values<string>().Should()
            .BeEquivalentTo(Provider.Table.Offloads.Select(o => o.Name).Except(ruledOut), "only a verdict of No rules an offload out");
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void Get_RecordedState_ReplaysWhatTheLiveHostExported(string id)
    {
        var exported = Live(HostWith(id, "windowsFirewall")).Export([], Context([])).Single();
        exported["_name"]!.Value<string>().Should().Be("OffloadCoexistence");
        var live = (JObject)exported.DeepClone();
        live.Remove("_name");
        var recorded = Provider.CreateRecorded(RecordedHost.FromDocument(Snapshot(exported), "srv.dsc.json"));

        var replayed = ((IGettableResource)recorded).Get([], Context([])).ActualState;

        JToken.DeepEquals(replayed, live).Should().BeTrue($"replayed:\n{replayed}\nlive:\n{live}");
    }

    [Fact]
    public void Get_RecordedHostWithoutCoexistenceState_SaysToRecordItAgain()
    {
        var recorded = Provider.CreateRecorded(RecordedHost.FromDocument(JObject.Parse("""{"resources": []}"""), "old.dsc.json"));

        var act = () => ((IGettableResource)recorded).Get([], Context([]));

        act.Should().Throw<Core.Diagnostics.DscOffloadException>().WithMessage("*has no DscOffload.Windows/OffloadCoexistence instance*dscoffload snapshot*");
    }

    [Fact]
    public void Test_AssertingNoIpsecPolicyOnAHostThatHasOne_IsNotInDesiredStateAndSaysWhy()
    {
        var messages = new List<ResourceMessage>();

        var test = Live(HostWith("ipsecPolicy")).Test(JObject.Parse("""{"ipsecPolicy": false, "hyperV": false}"""), Context(messages));

        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal("ipsecPolicy");
        test.ActualState["_inDesiredState"]!.Value<bool>().Should().BeFalse();
        test.DesiredState.Properties().Select(p => p.Name).Should().Equal("ipsecPolicy", "hyperV");
        messages.Should().ContainSingle().Which.Text.Should().Contain("Require IPsec between farm servers");
    }

    [Theory]
    [InlineData("networkLoadBalancing", false)]
    [InlineData("natOrIcs", false)]
    [InlineData("netFtAdapter", true)]
    [InlineData("windowsFirewall", true)]
    public void Test_ChimneyAssertedUsable_FailsOnlyWhereTheTableSaysNo(string condition, bool usable)
    {
        var messages = new List<ResourceMessage>();

        var test = Live(HostWith(condition)).Test(JObject.Parse("""{"compatibleWith": ["chimney"]}"""), Context(messages));

        test.InDesiredState.Should().Be(usable);
        if (!usable)
        {
            test.DifferingProperties.Should().Equal("compatibleWith");
            messages.Should().ContainSingle().Which.Text.Should().Contain("chimney is asserted usable").And.Contain("KB 951037");
        }
    }

    [Fact]
    public void Test_AssertionAboutAnUndeterminedCondition_IsNotSatisfied()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        host.Cim.AddClass(FakeCimClassCatalog.Service);
        var messages = new List<ResourceMessage>();

        var test = Live(host).Test(JObject.Parse("""{"networkLoadBalancing": false, "compatibleWith": ["chimney"]}"""), Context(messages));

        test.DifferingProperties.Should().Equal("networkLoadBalancing", "compatibleWith");
        test.ActualState["networkLoadBalancing"]!.Type.Should().Be(JTokenType.Null);
        test.ActualState["notes"]!.Values<string>().Should().Contain("networkLoadBalancing: not determined: MSFT_NetAdapterBindingSettingData does not exist on this Windows version");
        messages.Select(m => m.Text).Should().Contain(t => t.Contains("could not be determined"));
    }
}
