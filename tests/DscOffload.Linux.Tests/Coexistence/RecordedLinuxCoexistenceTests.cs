using DscOffload.Core.Coexistence;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Linux.Coexistence;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Coexistence;

/// <summary>DscOffload.Linux/OffloadCoexistence replayed from a snapshot, for every row of the Linux table.</summary>
public class RecordedLinuxCoexistenceTests
{
    private static readonly LinuxOffloadCoexistenceProvider Provider = new();

    public static TheoryData<string> EveryRow()
    {
        var data = new TheoryData<string>();
        foreach (var row in Provider.Table.Rows)
        {
            data.Add(row.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void Get_RecordedCondition_ReplaysItWithTheTablesMeaning(string id)
    {
        var report = new CoexistenceReport();
        report.Add(id, "NETLINK test", [$"evidence of {id}"], ["eth0"]);
        report.MarkUndetermined(id == "xfrmPolicy" ? "xfrmState" : "xfrmPolicy", "reading IPsec (xfrm) state needs CAP_NET_ADMIN; run as root");
        var exported = CoexistenceState.ToJson(Provider.Table, report);
        var snapshot = new JObject
        {
            ["resources"] = new JArray(new JObject { ["type"] = LinuxOffloadCoexistenceProvider.TypeName, ["name"] = "OffloadCoexistence", ["properties"] = exported.DeepClone() }),
        };

        var replayed = ((IGettableResource)Provider.CreateRecorded(RecordedHost.FromDocument(snapshot, "web.dsc.json"))).Get([], new OperationContext(_ => { }, "web"));

        JToken.DeepEquals(replayed.ActualState, exported).Should().BeTrue(replayed.ActualState.ToString());
        replayed.ActualState[id]!.Value<bool>().Should().BeTrue();
        ((JArray)replayed.ActualState["conditions"]!).Single()["meaning"]!.Value<string>().Should().Be(Provider.Table.Row(id)!.Explanation);
    }

    [Fact]
    public void Descriptor_IsReadOnlyAndSeparateFromTheWindowsTable()
    {
        Provider.Descriptor.CanSet.Should().BeFalse();
        Provider.Descriptor.Platform.Should().Be("Linux");
        Provider.Descriptor.Properties.Select(p => p.Name).Should().NotContain("ipsecPolicy").And.Contain("xfrmPolicy");
    }
}
