using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Mapping;

public class AdapterReadMappingTests
{
    private static readonly string[] ChecksumNames = ["Disabled", "TxEnabled", "RxEnabled", "RxTxEnabled"];

    [Fact]
    public void ReadAdapter_PhysicalNicWithEveryClass_ReportsEveryTypedSettingFromItsCimProperty()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var adapter = host.Adapter("Ethernet 3");
        var d = adapter.InterfaceDescription;
        var lso = host.Cim.SettingData(FakeCimClassCatalog.Lso, d)!;
        var checksum = host.Cim.SettingData(FakeCimClassCatalog.Checksum, d)!;
        var rsc = host.Cim.SettingData(FakeCimClassCatalog.Rsc, d)!;
        var rss = host.Cim.SettingData(FakeCimClassCatalog.Rss, d)!;
        string[] profiles = ["Closest", "ClosestStatic", "NUMA", "NUMAStatic", "Conservative"];

        var state = host.CreatePlatform().ReadAdapter(adapter);

        state.Settings.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["lsoV1IPv4"] = lso.GetBoolean("V1IPv4Enabled")!,
            ["lsoIPv4"] = lso.GetBoolean("IPv4Enabled")!,
            ["lsoIPv6"] = lso.GetBoolean("IPv6Enabled")!,
            ["checksumIPv4"] = ChecksumNames[(int)checksum.GetNumber("IpIPv4Enabled")!],
            ["checksumTcpIPv4"] = ChecksumNames[(int)checksum.GetNumber("TcpIPv4Enabled")!],
            ["checksumTcpIPv6"] = ChecksumNames[(int)checksum.GetNumber("TcpIPv6Enabled")!],
            ["checksumUdpIPv4"] = ChecksumNames[(int)checksum.GetNumber("UdpIPv4Enabled")!],
            ["checksumUdpIPv6"] = ChecksumNames[(int)checksum.GetNumber("UdpIPv6Enabled")!],
            ["rss"] = rss.GetBoolean("Enabled")!,
            ["rssProfile"] = profiles[(int)rss.GetNumber("Profile")! - 1],
            ["rssBaseProcessorNumber"] = (long)rss.GetNumber("BaseProcessorNumber")!,
            ["rssMaxProcessorNumber"] = (long)rss.GetNumber("MaxProcessorNumber")!,
            ["rssMaxProcessors"] = (long)rss.GetNumber("MaxProcessors")!,
            ["rssNumberOfReceiveQueues"] = (long)rss.GetNumber("NumberOfReceiveQueues")!,
            ["rssBaseProcessorGroup"] = (long)rss.GetNumber("BaseProcessorGroup")!,
            ["rssMaxProcessorGroup"] = (long)rss.GetNumber("MaxProcessorGroup")!,
            ["rssNumaNode"] = (long)rss.GetNumber("NumaNode")!,
            ["rscIPv4"] = rsc.GetBoolean("IPv4Enabled")!,
            ["rscIPv6"] = rsc.GetBoolean("IPv6Enabled")!,
            ["ipsecOffload"] = host.Cim.SettingData(FakeCimClassCatalog.IPsecOffload, d)!.GetBoolean("Enabled")!,
            ["tcpConnectionOffloadIPv4"] = false,
            ["tcpConnectionOffloadIPv6"] = false,
        });
        state.Settings.Values.OfType<string>().Where(v => ChecksumNames.Contains(v)).Distinct().Should().HaveCount(4, "the seed uses every checksum direction once");
    }

    [Fact]
    public void ReadAdapter_ConnectionOffload_ComesFromTheAdvancedPropertyKeyword()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Ethernet 2"));

        state.Settings["tcpConnectionOffloadIPv4"].Should().Be(true);
        state.Settings["tcpConnectionOffloadIPv6"].Should().Be(false);
    }

    [Fact]
    public void ReadAdapter_ClientNicWithoutRscInstanceOrLsoV1_LeavesThoseAbsent()
    {
        var host = FakeWindowsHost.Load("realtek-client.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Ethernet"));

        state.Settings.Keys.Should().NotContain(["rscIPv4", "rscIPv6", "lsoV1IPv4", "ipsecOffload", "tcpConnectionOffloadIPv4", "tcpConnectionOffloadIPv6"]);
        state.Settings.Should().Contain("lsoIPv4", true).And.Contain("rss", true).And.Contain("checksumTcpIPv6", "RxTxEnabled");
    }

    [Fact]
    public void ReadAdapter_HyperVNicWithoutIPsecInstance_HasRssAndRscButNoIPsec()
    {
        var host = FakeWindowsHost.Load("hyperv-guest.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Ethernet"));

        state.Settings.Should().NotContainKey("ipsecOffload");
        state.Settings.Should().Contain("rss", true).And.Contain("rscIPv4", true).And.Contain("rscIPv6", true);
    }

    [Fact]
    public void ReadAdapter_AdvancedProperties_JoinTheStringArrayAndFallBackToTheDefault()
    {
        var host = FakeWindowsHost.Load("hyperv-guest.json");
        var x710 = FakeWindowsHost.Load("x710-server.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Ethernet"));
        var x710State = x710.CreatePlatform().ReadAdapter(x710.Adapter("Ethernet 2"));

        state.AdvancedProperties["*JumboPacket"].Should().Be("1514");
        state.AdvancedProperties["VlanIds"].Should().Be("10,20");
        state.AdvancedProperties.Should().NotContainKey("NetworkAddress", "it has neither a value nor a default");
        x710State.AdvancedProperties["*InterruptModeration"].Should().Be("1", "no value is stored, so the driver default applies");
        x710State.AdvancedProperties.Keys.Should().BeEquivalentTo(
            x710.Cim.InstancesOf(FakeCimClassCatalog.AdvancedProperty)
                .Where(r => r.GetString("Name") == "Ethernet 2")
                .Select(r => r.GetString("RegistryKeyword")));
    }

    [Fact]
    public void ReadAdapter_QueriesEachSettingDataClassOnceFilteredByInterfaceDescription()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var adapter = host.Adapter("Ethernet 2");

        host.CreatePlatform().ReadAdapter(adapter);

        foreach (var className in FakeCimClassCatalog.SettingDataClasses)
        {
            host.Cim.QueryCount(className).Should().Be(1, className);
        }

        host.Cim.Queries.Should().OnlyContain(q => q.Filter == $"InterfaceDescription = '{adapter.InterfaceDescription}'");
        host.Cim.QueryCount(FakeCimClassCatalog.NetAdapter).Should().Be(0, "instances were found, so the adapter exists");
    }

    [Fact]
    public void ReadAdapter_HiddenAdapter_IsReadWithIncludeHidden()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Ethernet (Kernel Debugger)"));

        state.Settings.Keys.Should().BeEquivalentTo("checksumIPv4", "checksumTcpIPv4", "checksumTcpIPv6", "checksumUdpIPv4", "checksumUdpIPv6");
        state.Settings.Values.Should().AllBeEquivalentTo("Disabled");
    }

    [Fact]
    public void ReadAdapter_DescriptionWithQuotesAndBackslashes_IsEscapedInTheQuery()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var description = @"Vendor's ""Fast"" NIC \\ port 'A'";
        var adapter = host.AddAdapter(JObject.FromObject(new
        {
            name = "Odd",
            interfaceDescription = description,
            interfaceGuid = "{11111111-2222-4333-8444-555555555555}",
            driverKey = "0020",
            settingData = new Dictionary<string, object> { [FakeCimClassCatalog.Rss] = new { Enabled = true } },
        }));

        var state = host.CreatePlatform().ReadAdapter(adapter);

        state.Settings.Should().ContainKey("rss").WhoseValue.Should().Be(true);
        host.Cim.Queries.Select(q => q.Filter).Should().Contain(WqlLiteral.EqualsFilter("InterfaceDescription", description))
            .And.OnlyContain(f => f!.Contains(@"Vendor\'s \""Fast\"" NIC \\\\ port \'A\'"));
    }

    [Fact]
    public void ReadAdapter_AdapterThatVanished_IsNoMatch()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var gone = new WindowsAdapterInfo("Ethernet 9", "Removed NIC", "{00000000-0000-4000-8000-000000000000}", false);

        var act = () => host.CreatePlatform().ReadAdapter(gone);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NoMatch);
    }

    [Fact]
    public void ReadAdapter_AdapterWithoutAnyOffloadFeature_IsEmptyNotAnError()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var bare = host.AddAdapter(JObject.FromObject(new
        {
            name = "Bare",
            interfaceDescription = "Basic NIC",
            interfaceGuid = "{22222222-3333-4444-8555-666666666666}",
            driverKey = "0021",
        }));

        var state = host.CreatePlatform().ReadAdapter(bare);

        state.Settings.Should().BeEmpty();
        state.AdvancedProperties.Should().BeEmpty();
    }

    [Fact]
    public void ReadAdapter_QueryDenied_IsElevationRequired()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.DenyReads = true;

        var act = () => host.CreatePlatform().ReadAdapter(host.Adapter("Ethernet 2"));

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
    }
}
