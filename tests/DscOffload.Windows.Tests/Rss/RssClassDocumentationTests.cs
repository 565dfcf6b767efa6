using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Rss;

/// <summary>
/// One test per documented rule of MSFT_NetAdapterRssSettingData
/// (https://learn.microsoft.com/windows/win32/fwp/wmi/netadaptercimprov/msft-netadapterrsssettingdata) and of the
/// operational state of MSFT_NetAdapterRscSettingData
/// (https://learn.microsoft.com/windows/win32/fwp/wmi/netadaptercimprov/msft-netadapterrscsettingdata), checked on
/// the fake CIM server and through the platform that maps them.
/// </summary>
public class RssClassDocumentationTests
{
    private static CimRecord Rss(FakeWindowsHost host) =>
        host.Cim.SettingData(FakeCimClassCatalog.Rss, host.Adapter(RssHosts.Adapter).InterfaceDescription)!;

    private static CimRecord Rsc(FakeWindowsHost host) =>
        host.Cim.SettingData(FakeCimClassCatalog.Rsc, host.Adapter(RssHosts.Adapter).InterfaceDescription)!;

    private static Action Modify(FakeWindowsHost host, CimRecord instance, string property, object value) =>
        () => host.Cim.Modify(instance, new Dictionary<string, object?> { [property] = value });

    // msft-netadapterrsssettingdata, Profile: "Data type: uint32, Access type: Read/write", values 1 (Closest Processor) to 5 (Conservative Scaling).
    [Theory]
    [InlineData(0u)]
    [InlineData(6u)]
    public void FakeRssProfile_OutsideTheDocumentedOneToFive_IsRejectedAsAnInvalidParameter(uint profile)
    {
        var host = RssHosts.X710();

        Modify(host, Rss(host), "Profile", profile).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Modify(host, Rss(host), "Profile", 3u).Should().NotThrow();
        Rss(host).GetNumber("Profile").Should().Be(3);
    }

    // msft-netadapterrsssettingdata, BaseProcessorNumber / MaxProcessorNumber: "Data type: uint8, Access type: Read/write".
    [Theory]
    [InlineData("BaseProcessorNumber")]
    [InlineData("MaxProcessorNumber")]
    public void FakeRssProcessorNumber_IsAWritableUInt8AndRefusesAUInt32(string property)
    {
        var host = RssHosts.X710();

        Modify(host, Rss(host), property, 5u).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Modify(host, Rss(host), property, (byte)5).Should().NotThrow();
        Rss(host)[property]!.Type.Should().Be(CimValueType.UInt8);
    }

    // msft-netadapterrsssettingdata, MaxProcessors / NumberOfReceiveQueues: "Data type: uint32, Access type: Read/write".
    [Theory]
    [InlineData("MaxProcessors")]
    [InlineData("NumberOfReceiveQueues")]
    public void FakeRssCount_IsAWritableUInt32(string property)
    {
        var host = RssHosts.X710();

        Modify(host, Rss(host), property, (byte)2).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Modify(host, Rss(host), property, 2u).Should().NotThrow();
        Rss(host)[property]!.Type.Should().Be(CimValueType.UInt32);
    }

    // msft-netadapterrsssettingdata, NumberOfInterruptMessages: "Access type: Read-only".
    [Fact]
    public void FakeRssNumberOfInterruptMessages_IsReadOnly()
    {
        var host = RssHosts.X710(rss: r => r["NumberOfInterruptMessages"] = 16);

        Modify(host, Rss(host), "NumberOfInterruptMessages", 8u).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.NotSupported);
        Rss(host).GetNumber("NumberOfInterruptMessages").Should().Be(16);
    }

    // msft-netadapterrscsettingdata, IPv4OperationalState / IPv6OperationalState / IPv4FailureReason / IPv6FailureReason: "Access type: Read-only".
    [Theory]
    [InlineData("IPv4OperationalState", true)]
    [InlineData("IPv6FailureReason", 0u)]
    public void FakeRscOperationalStateAndFailureReason_AreReadOnly(string property, object value)
    {
        var host = RssHosts.X710();

        Modify(host, Rsc(host), property, value).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.NotSupported);
    }

    // msft-netadapterrsssettingdata, Profile values 1..5, named as Set-NetAdapterRss -Profile names them.
    [Theory]
    [InlineData(1, "Closest")]
    [InlineData(2, "ClosestStatic")]
    [InlineData(3, "NUMA")]
    [InlineData(4, "NUMAStatic")]
    [InlineData(5, "Conservative")]
    public void ReadAdapter_RssProfileNumber_ReadsAsItsName(int number, string name)
    {
        var host = RssHosts.X710(rss: r => r["Profile"] = number);

        host.CreatePlatform().ReadAdapter(host.Adapter(RssHosts.Adapter)).Settings["rssProfile"].Should().Be(name);
    }

    // msft-netadapterrsssettingdata documents no Profile 0 or 6 (keyword *RSSProfile 6 is NetAdapterCx only): such a value is not named.
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void ReadAdapter_RssProfileOutsideTheDocumentedValues_IsAbsentNotMisnamed(int number)
    {
        var host = RssHosts.X710(rss: r => r["Profile"] = number);

        var state = host.CreatePlatform().ReadAdapter(host.Adapter(RssHosts.Adapter));

        state.Settings.Should().NotContainKey("rssProfile");
        state.Settings["rssMaxProcessors"].Should().Be(16L);
    }

    // msft-netadapterrsssettingdata: every writable RSS property of one adapter goes in one ModifyInstance, each with its documented type.
    [Fact]
    public void WriteAdapter_AllRssSettings_OneModificationTypedAsTheClassDeclares()
    {
        var host = RssHosts.X710();
        var change = new WindowsAdapterChange();
        change.Settings["rssProfile"] = "ClosestStatic";
        change.Settings["rssBaseProcessorNumber"] = 4L;
        change.Settings["rssMaxProcessorNumber"] = 11L;
        change.Settings["rssMaxProcessors"] = 8L;
        change.Settings["rssNumberOfReceiveQueues"] = 4L;

        host.CreatePlatform().WriteAdapter(host.Adapter(RssHosts.Adapter), change);

        host.Cim.Modifications.Should().ContainSingle().Which.Changes.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["Profile"] = 2u,
            ["BaseProcessorNumber"] = (byte)4,
            ["MaxProcessorNumber"] = (byte)11,
            ["MaxProcessors"] = 8u,
            ["NumberOfReceiveQueues"] = 4u,
        });
        host.CreatePlatform().ReadAdapter(host.Adapter(RssHosts.Adapter)).Settings.Should().Contain("rssProfile", "ClosestStatic").And.Contain("rssMaxProcessorNumber", 11L);
    }

    // msft-netadapterrsssettingdata: BaseProcessorNumber is a uint8, so 256 cannot be written; refused before anything is written.
    [Fact]
    public void WriteAdapter_ProcessorNumberAboveTheUInt8Range_IsRefusedBeforeAnyWrite()
    {
        var host = RssHosts.X710();
        var change = new WindowsAdapterChange();
        change.Settings["rssBaseProcessorNumber"] = 256L;

        var write = () => host.CreatePlatform().WriteAdapter(host.Adapter(RssHosts.Adapter), change);

        write.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains("allowed: 0 to 255"));
        host.Cim.Modifications.Should().BeEmpty();
    }

    // msft-netadapterrscsettingdata: IPvNOperationalState says whether RSC is operational; IPvNFailureReason why not (0 NoFailure … 5 NetOffloadGlobalDisabled).
    [Theory]
    [InlineData(true, 0u, "Operational")]
    [InlineData(false, 1u, "NicPropertyDisabled")]
    [InlineData(false, 2u, "WFPCompatibility")]
    [InlineData(false, 3u, "NDISCompatibility")]
    [InlineData(false, 4u, "ForwardingEnabled")]
    [InlineData(false, 5u, "NetOffloadGlobalDisabled")]
    [InlineData(false, 0u, "NotOperational")]
    [InlineData(false, 9u, "NotOperational")]
    public void ReadAdapter_RscOperationalStateAndFailureReason_ReadAsOneValue(bool operational, uint reason, string expected)
    {
        var host = RssHosts.X710(rsc: r =>
        {
            r["IPv4OperationalState"] = operational;
            r["IPv4FailureReason"] = reason;
        });

        var state = host.CreatePlatform().ReadAdapter(host.Adapter(RssHosts.Adapter));

        state.OperationalStates["rscIPv4"].Should().Be(expected);
        state.OperationalStates["rscIPv6"].Should().Be("Operational");
        state.OperationalStates.Should().NotContainKey("rss", "MSFT_NetAdapterRssSettingData documents no operational state");
    }
}
