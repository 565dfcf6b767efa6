using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Registry;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Mapping;

public class NdisFallbackTests
{
    public static TheoryData<string, object, string, string> EveryKeywordSetting() => new()
    {
        { "lsoV1IPv4", false, "*LsoV1IPv4", "0" },
        { "lsoIPv4", false, "*LsoV2IPv4", "0" },
        { "lsoIPv6", false, "*LsoV2IPv6", "0" },
        { "checksumIPv4", "Disabled", "*IPChecksumOffloadIPv4", "0" },
        { "checksumTcpIPv4", "TxEnabled", "*TCPChecksumOffloadIPv4", "1" },
        { "checksumTcpIPv6", "RxTxEnabled", "*TCPChecksumOffloadIPv6", "3" },
        { "checksumUdpIPv4", "RxEnabled", "*UDPChecksumOffloadIPv4", "2" },
        { "checksumUdpIPv6", "RxTxEnabled", "*UDPChecksumOffloadIPv6", "3" },
        { "rss", false, "*RSS", "0" },
        { "rssBaseProcessorNumber", 1L, "*RssBaseProcNumber", "1" },
        { "rssNumberOfReceiveQueues", 4L, "*NumRSSQueues", "4" },
        { "tcpConnectionOffloadIPv4", false, "*TCPConnectionOffloadIPv4", "0" },
        { "tcpConnectionOffloadIPv6", false, "*TCPConnectionOffloadIPv6", "0" },
        { "ipsecOffload", false, "*IPsecOffloadV2", "0" },
    };

    [Fact]
    public void ReadAdapter_WithoutCimClasses_ReadsEveryTypedSettingFromTheDriverKeywords()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Local Area Connection"));

        state.Settings.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["lsoV1IPv4"] = true,
            ["lsoIPv4"] = true,
            ["lsoIPv6"] = true,
            ["checksumIPv4"] = "RxTxEnabled",
            ["checksumTcpIPv4"] = "RxTxEnabled",
            ["checksumTcpIPv6"] = "RxEnabled",
            ["checksumUdpIPv4"] = "TxEnabled",
            ["checksumUdpIPv6"] = "Disabled",
            ["rss"] = true,
            ["rssBaseProcessorNumber"] = 0L,
            ["rssMaxProcessorNumber"] = 63L,
            ["rssMaxProcessors"] = 8L,
            ["rssNumberOfReceiveQueues"] = 8L,
            ["rssBaseProcessorGroup"] = 0L,
            ["rssNumaNode"] = 65535L,
            ["tcpConnectionOffloadIPv4"] = true,
            ["tcpConnectionOffloadIPv6"] = true,
            ["ipsecOffload"] = true,
        });
        host.Cim.Queries.Select(q => q.ClassName).Should().NotContain(FakeCimClassCatalog.NetAdapter);
    }

    [Fact]
    public void ReadAdapter_WithoutCimClasses_ReportsDriverKeywordsAsAdvancedPropertiesButNotDriverMetadata()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Local Area Connection"));

        state.AdvancedProperties.Should().HaveCount(19);
        state.AdvancedProperties["*LsoV2IPv6"].Should().Be("1", "no value is stored, so the Ndi\\params default applies");
        state.AdvancedProperties["*RSS"].Should().Be("1", "a REG_DWORD keyword reads as its decimal text");
        state.AdvancedProperties["*IPsecOffloadV2"].Should().Be("2", "a stored * keyword without UI metadata is still a keyword");
        state.AdvancedProperties.Keys.Should().NotContain(["NetCfgInstanceId", "DriverDesc"]);
    }

    [Fact]
    public void ReadAdapter_MissingKeywords_AreAbsent()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Local Area Connection 2"));

        state.Settings.Keys.Should().BeEquivalentTo("lsoIPv4", "checksumTcpIPv4", "checksumTcpIPv6", "checksumUdpIPv6");
    }

    [Fact]
    public void ReadAdapter_DriverWithOnlyTheGroupedChecksumKeyword_ReadsTcpAndUdpFromIt()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Local Area Connection 2"));

        // *TCPUDPChecksumOffloadIPv6 = 2: receive only, for TCP and UDP alike.
        state.Settings["checksumTcpIPv6"].Should().Be("RxEnabled");
        state.Settings["checksumUdpIPv6"].Should().Be("RxEnabled");
        state.AdvancedProperties["*TCPUDPChecksumOffloadIPv6"].Should().Be("2");
    }

    [Fact]
    public void WriteAdapter_ChecksumWhereTheDriverHasOnlyTheGroupedKeyword_IsRefusedNamingItAndWritesNothing()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var change = new WindowsAdapterChange();
        change.Settings["checksumUdpIPv6"] = "Disabled";

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Local Area Connection 2"), change);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain("checksumUdpIPv6").And.Contain("advancedProperties.'*TCPUDPChecksumOffloadIPv6'");
        host.Registry.Writes.Should().BeEmpty();
    }

    [Fact]
    public void WriteAdapter_GroupedChecksumKeywordAsAdvancedProperty_IsWrittenAndReadsBackForTcpAndUdp()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Local Area Connection 2");
        var change = new WindowsAdapterChange();
        change.AdvancedProperties["*TCPUDPChecksumOffloadIPv6"] = "0";

        platform.WriteAdapter(adapter, change);

        var state = platform.ReadAdapter(adapter);
        state.Settings["checksumTcpIPv6"].Should().Be("Disabled");
        state.Settings["checksumUdpIPv6"].Should().Be("Disabled");
    }

    [Fact]
    public void ReadAdapter_AdapterWithoutDriverKey_IsNoMatch()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var gone = new WindowsAdapterInfo("Local Area Connection 5", "Removed", "{12345678-1234-4234-8234-123456789012}", false);

        var act = () => host.CreatePlatform().ReadAdapter(gone);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NoMatch);
    }

    [Theory]
    [MemberData(nameof(EveryKeywordSetting))]
    public void WriteAdapter_WithoutCimClasses_WritesTheKeywordAndReadsBack(string name, object value, string keyword, string text)
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Local Area Connection");
        var change = new WindowsAdapterChange();
        change.Settings[name] = value;

        platform.WriteAdapter(adapter, change);

        host.Registry.Read(host.DriverKey(adapter), keyword)!.Text.Should().Be(text);
        host.Registry.Writes.Should().ContainSingle();
        platform.ReadAdapter(adapter).Settings[name].Should().Be(value);
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void WriteAdapter_Keyword_KeepsRegSzAndKeepsAStoredRegDword()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var adapter = host.Adapter("Local Area Connection");
        var change = new WindowsAdapterChange();
        change.Settings["rss"] = false;
        change.Settings["lsoIPv4"] = false;

        host.CreatePlatform().WriteAdapter(adapter, change);

        host.Registry.Read(host.DriverKey(adapter), "*RSS")!.Kind.Should().Be(RegistryDataKind.DWord);
        host.Registry.Read(host.DriverKey(adapter), "*LsoV2IPv4")!.Kind.Should().Be(RegistryDataKind.String);
    }

    [Fact]
    public void WriteAdapter_IPsecOn_WritesAuthHeaderAndEsp()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Local Area Connection");
        var off = new WindowsAdapterChange();
        off.Settings["ipsecOffload"] = false;
        platform.WriteAdapter(adapter, off);
        var on = new WindowsAdapterChange();
        on.Settings["ipsecOffload"] = true;

        platform.WriteAdapter(adapter, on);

        host.Registry.Read(host.DriverKey(adapter), "*IPsecOffloadV2")!.Text.Should().Be("3");
    }

    [Theory]
    [InlineData("*JumboPacket", "9014", "1514..9000")]
    [InlineData("*TCPChecksumOffloadIPv4", "4", "0, 1, 2, 3")]
    public void WriteAdapter_KeywordValueTheDriverDoesNotAccept_IsNotSupportedListingWhatItAccepts(string keyword, string value, string accepted)
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var change = new WindowsAdapterChange();
        change.AdvancedProperties[keyword] = value;

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Local Area Connection"), change);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain(accepted);
        host.Registry.Writes.Should().BeEmpty();
    }

    [Fact]
    public void WriteAdapter_AdvancedPropertyWithoutCimClasses_WritesTheKeywordAndRejectsUnknownOnes()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Local Area Connection");
        var change = new WindowsAdapterChange();
        change.AdvancedProperties["*JumboPacket"] = "9000";

        platform.WriteAdapter(adapter, change);
        var unknown = new WindowsAdapterChange();
        unknown.AdvancedProperties["*RscIPv4"] = "0";

        platform.ReadAdapter(adapter).AdvancedProperties["*JumboPacket"].Should().Be("9000");
        platform.Invoking(p => p.WriteAdapter(adapter, unknown)).Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
    }

    [Fact]
    public void WriteAdapter_KeywordNotDefinedForTypedSetting_IsNotSupported()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var change = new WindowsAdapterChange();
        change.Settings["rscIPv4"] = false;

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Local Area Connection"), change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
    }

    [Fact]
    public void WriteAdapter_RegistryNotElevated_IsElevationRequired()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        host.Registry.Elevated = false;
        var change = new WindowsAdapterChange();
        change.Settings["rss"] = false;

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Local Area Connection"), change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
    }

    [Fact]
    public void FallbackIsPerClass_OnlySettingsOfAMissingClassGoToTheRegistry()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.RemoveClass(FakeCimClassCatalog.Lso);
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Ethernet 2");
        var change = new WindowsAdapterChange();
        change.Settings["lsoIPv4"] = false;
        change.Settings["rss"] = false;

        platform.WriteAdapter(adapter, change);
        var state = platform.ReadAdapter(adapter);

        host.Registry.Writes.Should().ContainSingle().Which.Should().EndWith(@"\*LsoV2IPv4 = REG_SZ ""0""");
        host.Cim.Modifications.Should().ContainSingle().Which.ClassName.Should().Be(FakeCimClassCatalog.Rss);
        state.Settings["lsoIPv4"].Should().Be(false);
        state.Settings["rss"].Should().Be(false);
        host.Cim.QueryCount(FakeCimClassCatalog.Lso).Should().Be(1, "a class known to be missing is not queried again");
    }

    [Fact]
    public void FindDriverKey_SkipsTheUnreadablePropertiesKeyAndMatchesOnNetCfgInstanceId()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var store = new NdisKeywordStore(host.Registry);

        foreach (var adapter in host.Adapters)
        {
            store.FindDriverKey(adapter.InterfaceGuid.ToLowerInvariant().Trim('{', '}')).Should().Be(host.DriverKey(adapter));
        }
    }
}
