using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Recorded;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using DscOffload.Windows.Tests.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Rss;

/// <summary>
/// The RSS processor groups, the preferred NUMA node and the documented minimum of the RSS counts, one test per rule of
/// MSFT_NetAdapterRssSettingData (https://learn.microsoft.com/windows/win32/fwp/wmi/netadaptercimprov/msft-netadapterrsssettingdata)
/// and of the keywords behind it, "Standardized INF Keywords for RSS"
/// (https://learn.microsoft.com/windows-hardware/drivers/network/standardized-inf-keywords-for-rss).
/// </summary>
public class RssProcessorGroupTests
{
    private const string Adapter = RssHosts.Adapter;

    private static CimRecord Rss(FakeWindowsHost host) =>
        host.Cim.SettingData(FakeCimClassCatalog.Rss, host.Adapter(Adapter).InterfaceDescription)!;

    private static Action Modify(FakeWindowsHost host, string property, object value) =>
        () => host.Cim.Modify(Rss(host), new Dictionary<string, object?> { [property] = value });

    // msft-netadapterrsssettingdata, BaseProcessorGroup / MaxProcessorGroup / NumaNode: "Data type: uint16, Access type: Read/write".
    [Theory]
    [InlineData("BaseProcessorGroup")]
    [InlineData("MaxProcessorGroup")]
    [InlineData("NumaNode")]
    public void FakeRssGroupOrNumaNode_IsAWritableUInt16AndRefusesOtherWidths(string property)
    {
        var host = RssHosts.X710();

        Modify(host, property, 1u).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Modify(host, property, (byte)1).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Modify(host, property, (ushort)2).Should().NotThrow();
        Rss(host)[property]!.Type.Should().Be(CimValueType.UInt16);
        Rss(host).GetNumber(property).Should().Be(2);
    }

    // standardized-inf-keywords-for-rss: *MaxRssProcessors and *NumRSSQueues (MaxProcessors, NumberOfReceiveQueues) have Min 1.
    [Theory]
    [InlineData("MaxProcessors")]
    [InlineData("NumberOfReceiveQueues")]
    public void FakeRssCount_ZeroIsBelowTheDocumentedMinimumAndRejected(string property)
    {
        var host = RssHosts.X710();
        var before = Rss(host).GetNumber(property);

        Modify(host, property, 0u).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Rss(host).GetNumber(property).Should().Be(before);
        Modify(host, property, 1u).Should().NotThrow();
    }

    [Fact]
    public void ReadAdapter_ProcessorGroupsAndNumaNode_ReadAsNumbers()
    {
        var host = RssHosts.X710(rss: r =>
        {
            r["BaseProcessorGroup"] = 1;
            r["MaxProcessorGroup"] = 3;
            r["NumaNode"] = 65535;
        });

        var settings = host.CreatePlatform().ReadAdapter(host.Adapter(Adapter)).Settings;

        settings["rssBaseProcessorGroup"].Should().Be(1L);
        settings["rssMaxProcessorGroup"].Should().Be(3L);
        settings["rssNumaNode"].Should().Be(65535L, "65535 is the documented 'any node' of *NumaNodeId");
    }

    // standardized-inf-keywords-for-rss: base 1:16 and max 3:8 (group:number) is the documented example of a range across groups.
    [Fact]
    public void WriteAdapter_DocumentedRangeAcrossGroups_IsOneModificationTypedAsTheClassDeclares()
    {
        var host = RssHosts.X710();
        var change = new WindowsAdapterChange();
        change.Settings["rssBaseProcessorGroup"] = 1L;
        change.Settings["rssBaseProcessorNumber"] = 16L;
        change.Settings["rssMaxProcessorGroup"] = 3L;
        change.Settings["rssMaxProcessorNumber"] = 8L;

        host.CreatePlatform().WriteAdapter(host.Adapter(Adapter), change);

        host.Cim.Modifications.Should().ContainSingle().Which.Changes.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["BaseProcessorGroup"] = (ushort)1,
            ["BaseProcessorNumber"] = (byte)16,
            ["MaxProcessorGroup"] = (ushort)3,
            ["MaxProcessorNumber"] = (byte)8,
        });
    }

    [Theory]
    [InlineData("rssBaseProcessorGroup", 65536L, "allowed: 0 to 65535")]
    [InlineData("rssNumaNode", 65536L, "allowed: 0 to 65535")]
    [InlineData("rssMaxProcessors", 0L, "allowed: 1 to 4294967295")]
    [InlineData("rssNumberOfReceiveQueues", 0L, "allowed: 1 to 4294967295")]
    public void WriteAdapter_ValueOutsideTheDocumentedRange_IsRefusedBeforeAnyWrite(string setting, long value, string allowed)
    {
        var host = RssHosts.X710();
        var change = new WindowsAdapterChange();
        change.Settings["rssProfile"] = "Conservative";
        change.Settings[setting] = value;

        var write = () => host.CreatePlatform().WriteAdapter(host.Adapter(Adapter), change);

        write.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains(allowed));
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Theory]
    [InlineData("rssMaxProcessors", 0, "allowed: 1 to 4294967295")]
    [InlineData("rssMaxProcessorGroup", 65536, "allowed: 0 to 65535")]
    public void Prepare_ValueOutsideTheSchemaRange_IsRefusedWithItsLocationBeforeTheHostIsRead(string setting, long value, string allowed)
    {
        var engine = new ConfigurationEngine(new ResourceCatalog([new WindowsNetAdapterOffloadProvider()]), new EngineOptions());
        var properties = new JObject { ["name"] = Adapter, [setting] = value };

        var prepare = () => engine.Prepare("doc.dsc.yaml", [new EngineInstance("Adapters", WindowsNetAdapterOffloadDescriptor.TypeName, properties, null, null)]);

        prepare.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains(setting) && e.Message.Contains(allowed));
    }

    [Fact]
    public void Set_ProcessorRangeAcrossGroups_ConvergesAndASecondSetChangesNothing()
    {
        var h = new WindowsResourceHarness(RssHosts.X710());
        var desired = $$"""{"name":"{{Adapter}}","rssBaseProcessorGroup":1,"rssBaseProcessorNumber":16,"rssMaxProcessorGroup":3,"rssMaxProcessorNumber":8}""";

        var set = h.Set(desired);

        set.ChangedProperties.Should().BeEquivalentTo("rssBaseProcessorGroup", "rssBaseProcessorNumber", "rssMaxProcessorGroup", "rssMaxProcessorNumber");
        h.Test(desired).InDesiredState.Should().BeTrue();
        h.Set(desired).ChangedProperties.Should().BeEmpty();
        h.Cim.Modifications.Should().ContainSingle();
    }

    // standardized-inf-keywords-for-rss: processors from base through max (group:number) are the candidates. The x710 adapter
    // has 0:2 through 1:17; a base group of 2 alone would start after the max, leaving RSS no processor.
    [Fact]
    public void BaseProcessorAfterTheAdaptersMax_IsRefusedInTestWhatIfAndSetBeforeAnyChange()
    {
        var h = new WindowsResourceHarness(RssHosts.X710());
        var desired = $$"""{"name":"{{Adapter}}","rssBaseProcessorGroup":2,"rssProfile":"Conservative"}""";

        foreach (var run in new Action[] { () => h.Test(desired), () => h.WhatIf(desired), () => h.Set(desired) })
        {
            run.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed
                && e.Message.Contains($"adapter '{Adapter}'") && e.Message.Contains("base processor 2:2") && e.Message.Contains("max processor 1:17"));
        }

        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void BaseProcessorAfterTheOldMaxButNotTheNewOne_IsAcceptedAndConverges()
    {
        var h = new WindowsResourceHarness(RssHosts.X710());
        var desired = $$"""{"name":"{{Adapter}}","rssBaseProcessorGroup":2,"rssMaxProcessorGroup":3}""";

        h.Set(desired).ChangedProperties.Should().BeEquivalentTo("rssBaseProcessorGroup", "rssMaxProcessorGroup");

        h.Test(desired).InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void BaseProcessorNumberAfterTheMaxInTheSameGroup_IsRefused()
    {
        var h = new WindowsResourceHarness(RssHosts.X710());

        var test = () => h.Test($$"""{"name":"{{Adapter}}","rssBaseProcessorGroup":1,"rssBaseProcessorNumber":18}""");

        test.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains("base processor 1:18"));
    }

    // standardized-inf-keywords-for-rss: "If *RssMaxProcNumber is specified, then *RssMaxProcGroup should also be specified."
    [Fact]
    public void Set_MaxNumberWithoutItsGroupOnAnAdapterInGroupOne_WarnsOnceWhichProcessorItNames()
    {
        var h = new WindowsResourceHarness(RssHosts.X710());

        h.Set($$"""{"name":"{{Adapter}}","rssMaxProcessorNumber":20}""");

        h.MessagesAt(MessageLevel.Warning).Should().ContainSingle().Which.Should().Be(
            $"'{Adapter}' rssMaxProcessorNumber: given without rssMaxProcessorGroup, so it names processor 1:20 in the adapter's current group 1; give rssMaxProcessorGroup as well to say which group is meant");
    }

    [Theory]
    [InlineData("""{"rssBaseProcessorNumber":4}""")]
    [InlineData("""{"rssMaxProcessorNumber":20,"rssMaxProcessorGroup":1}""")]
    public void Test_NumberInGroupZeroOrGivenWithItsGroup_SaysNothing(string settings)
    {
        var h = new WindowsResourceHarness(RssHosts.X710());
        var desired = JObject.Parse(settings);
        desired["name"] = Adapter;

        h.Test(desired.ToString());

        h.MessagesAt(MessageLevel.Warning).Should().BeEmpty();
    }

    // A Server 2008 R2-style driver has *RssBaseProcGroup (NDIS 6.20) but no *RssMaxProcGroup (NDIS 6.30): a number has no
    // "off" that the missing keyword could satisfy, so the group it cannot hold is drift and set refuses it before any change.
    [Fact]
    public void Test_GroupTheDriverHasNoKeywordFor_IsNotInDesiredStateAndSetChangesNothing()
    {
        var h = new WindowsResourceHarness("server2008r2.json");
        const string legacy = "Local Area Connection";

        var test = h.Test($$"""{"name":"{{legacy}}","rssBaseProcessorGroup":0,"rssMaxProcessorGroup":0}""");

        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal("rssMaxProcessorGroup");
        var set = () => h.Set($$"""{"name":"{{legacy}}","rssMaxProcessorGroup":0}""");
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported && e.Message.Contains("rssMaxProcessorGroup (not supported)"));
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void Recording_CarriesTheGroupsAndNumaNodeAndReplaysThem()
    {
        var host = RssHosts.X710(rss: r => r["MaxProcessorGroup"] = 2);
        var platform = host.CreatePlatform();
        var resource = new WindowsNetAdapterOffloadResource(platform, live: false);
        var exported = resource.Export([], new OperationContext(_ => { }, host.HostName)).Single(s => s["_name"]!.Value<string>() == Adapter);
        exported.Remove("_name");
        exported["rssMaxProcessorGroup"]!.Value<long>().Should().Be(2);

        var document = new JObject
        {
            ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = host.HostName } },
            ["resources"] = new JArray(new JObject { ["type"] = WindowsNetAdapterOffloadDescriptor.TypeName, ["name"] = Adapter, ["properties"] = exported }),
        };
        var recorded = new RecordedWindowsPlatform(RecordedHost.FromDocument(document, "x710.dsc.json"));
        var state = recorded.ReadAdapter(recorded.ListAdapters().Single(a => a.Name == Adapter));

        state.Settings.Should().Contain("rssMaxProcessorGroup", 2L).And.Contain("rssBaseProcessorGroup", 0L).And.Contain("rssNumaNode", 0L);
    }
}
