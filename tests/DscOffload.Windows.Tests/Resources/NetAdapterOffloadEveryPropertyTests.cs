using DscOffload.Windows.Cim;
using DscOffload.Windows.Settings;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// Every settable property of <c>DscOffload.Windows/NetAdapterOffload</c> through get, test, what-if, set, test
/// and a second set, asserting the CIM property (modern host) or NDIS keyword (Server 2008 R2-style host) the
/// fake holds afterwards, with its documented type.
/// </summary>
public sealed class NetAdapterOffloadEveryPropertyTests
{
    private const string Adapter = "Ethernet 2";
    private const string LegacyAdapter = "Local Area Connection";

    /// <summary>property, desired JSON value, CIM class, advanced-property keyword, CIM property, expected CIM value (bool → Boolean, byte → UInt8, ushort → UInt16, uint → UInt32, string[] → StringArray).</summary>
    public static TheoryData<string, string, string, string?, string, object> EveryCimProperty() => new()
    {
        { "lsoV1IPv4", "true", FakeCimClassCatalog.Lso, null, "V1IPv4Enabled", true },
        { "lsoIPv4", "false", FakeCimClassCatalog.Lso, null, "IPv4Enabled", false },
        { "lsoIPv6", "false", FakeCimClassCatalog.Lso, null, "IPv6Enabled", false },
        { "checksumIPv4", "\"TxEnabled\"", FakeCimClassCatalog.Checksum, null, "IpIPv4Enabled", 1u },
        { "checksumTcpIPv4", "\"RxEnabled\"", FakeCimClassCatalog.Checksum, null, "TcpIPv4Enabled", 2u },
        { "checksumTcpIPv6", "\"Disabled\"", FakeCimClassCatalog.Checksum, null, "TcpIPv6Enabled", 0u },
        { "checksumUdpIPv4", "\"TxEnabled\"", FakeCimClassCatalog.Checksum, null, "UdpIPv4Enabled", 1u },
        { "checksumUdpIPv6", "\"Disabled\"", FakeCimClassCatalog.Checksum, null, "UdpIPv6Enabled", 0u },
        { "rss", "false", FakeCimClassCatalog.Rss, null, "Enabled", false },
        { "rssProfile", "\"Conservative\"", FakeCimClassCatalog.Rss, null, "Profile", 5u },
        { "rssBaseProcessorNumber", "4", FakeCimClassCatalog.Rss, null, "BaseProcessorNumber", (byte)4 },
        { "rssMaxProcessorNumber", "255", FakeCimClassCatalog.Rss, null, "MaxProcessorNumber", (byte)255 },
        { "rssMaxProcessors", "4", FakeCimClassCatalog.Rss, null, "MaxProcessors", 4u },
        { "rssNumberOfReceiveQueues", "16", FakeCimClassCatalog.Rss, null, "NumberOfReceiveQueues", 16u },
        { "rssBaseProcessorGroup", "1", FakeCimClassCatalog.Rss, null, "BaseProcessorGroup", (ushort)1 },
        { "rssMaxProcessorGroup", "3", FakeCimClassCatalog.Rss, null, "MaxProcessorGroup", (ushort)3 },
        { "rssNumaNode", "65535", FakeCimClassCatalog.Rss, null, "NumaNode", (ushort)65535 },
        { "rscIPv4", "false", FakeCimClassCatalog.Rsc, null, "IPv4Enabled", false },
        { "rscIPv6", "false", FakeCimClassCatalog.Rsc, null, "IPv6Enabled", false },
        { "tcpConnectionOffloadIPv4", "false", FakeCimClassCatalog.AdvancedProperty, "*TCPConnectionOffloadIPv4", "RegistryValue", new[] { "0" } },
        { "tcpConnectionOffloadIPv6", "true", FakeCimClassCatalog.AdvancedProperty, "*TCPConnectionOffloadIPv6", "RegistryValue", new[] { "1" } },
        { "ipsecOffload", "true", FakeCimClassCatalog.IPsecOffload, null, "Enabled", true },
        { "advancedProperties", "{\"*JumboPacket\":\"9014\"}", FakeCimClassCatalog.AdvancedProperty, "*JumboPacket", "RegistryValue", new[] { "9014" } },
        { "advancedProperties", "{\"*receivebuffers\":\"2048\"}", FakeCimClassCatalog.AdvancedProperty, "*ReceiveBuffers", "RegistryValue", new[] { "2048" } },
    };

    /// <summary>property, desired JSON value, NDIS keyword, expected keyword text in the driver key.</summary>
    public static TheoryData<string, string, string, string> EveryKeywordProperty() => new()
    {
        { "lsoV1IPv4", "false", "*LsoV1IPv4", "0" },
        { "lsoIPv4", "false", "*LsoV2IPv4", "0" },
        { "lsoIPv6", "false", "*LsoV2IPv6", "0" },
        { "checksumIPv4", "\"Disabled\"", "*IPChecksumOffloadIPv4", "0" },
        { "checksumTcpIPv4", "\"TxEnabled\"", "*TCPChecksumOffloadIPv4", "1" },
        { "checksumTcpIPv6", "\"RxTxEnabled\"", "*TCPChecksumOffloadIPv6", "3" },
        { "checksumUdpIPv4", "\"RxEnabled\"", "*UDPChecksumOffloadIPv4", "2" },
        { "checksumUdpIPv6", "\"RxTxEnabled\"", "*UDPChecksumOffloadIPv6", "3" },
        { "rss", "false", "*RSS", "0" },
        { "rssBaseProcessorNumber", "2", "*RssBaseProcNumber", "2" },
        { "rssMaxProcessorNumber", "15", "*RssMaxProcNumber", "15" },
        { "rssMaxProcessors", "4", "*MaxRssProcessors", "4" },
        { "rssNumberOfReceiveQueues", "2", "*NumRSSQueues", "2" },
        { "rssBaseProcessorGroup", "1", "*RssBaseProcGroup", "1" },
        { "rssNumaNode", "1", "*NumaNodeId", "1" },
        { "tcpConnectionOffloadIPv4", "false", "*TCPConnectionOffloadIPv4", "0" },
        { "tcpConnectionOffloadIPv6", "false", "*TCPConnectionOffloadIPv6", "0" },
        { "ipsecOffload", "false", "*IPsecOffloadV2", "0" },
        { "advancedProperties", "{\"*JumboPacket\":\"9000\"}", "*JumboPacket", "9000" },
    };

    [Theory]
    [MemberData(nameof(EveryCimProperty))]
    public void Property_OnCimHost_GetTestWhatIfSetConvergeAndSecondSetChangesNothing(
        string property, string value, string className, string? keyword, string cimProperty, object expected)
    {
        var h = new WindowsResourceHarness("x710-server.json");
        var wanted = JToken.Parse(value);
        var desired = Desired(Adapter, property, wanted);
        var cimBefore = h.SettingData(className, Adapter, keyword)[cimProperty];

        var get = h.Get($"{{\"name\":\"{Adapter}\"}}").ActualState;
        JToken.DeepEquals(Project(get[property], wanted), wanted).Should().BeFalse("the test must change something");
        JToken.DeepEquals(Project(WindowsResourceHarness.Entry(get, Adapter)[property], wanted), Project(get[property], wanted)).Should().BeTrue();

        var test = h.Test(desired);
        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal(property);
        test.ActualState["_inDesiredState"]!.Value<bool>().Should().BeFalse();

        var whatIf = h.WhatIf(desired);
        whatIf.ChangedProperties.Should().Equal(property);
        JToken.DeepEquals(Project(whatIf.AfterState[property], wanted), wanted).Should().BeTrue(whatIf.AfterState.ToString());
        whatIf.AfterState["_metadata"]!["whatIf"]!.Should().ContainSingle();
        h.ChangeCount.Should().Be(0, "what-if changes nothing");
        h.SettingData(className, Adapter, keyword)[cimProperty].Should().Be(cimBefore);

        var set = h.Set(desired);
        set.ChangedProperties.Should().Equal(property);
        JToken.DeepEquals(Project(set.BeforeState[property], wanted), Project(get[property], wanted)).Should().BeTrue();
        JToken.DeepEquals(Project(set.AfterState[property], wanted), wanted).Should().BeTrue(set.AfterState.ToString());
        var cim = h.SettingData(className, Adapter, keyword)[cimProperty]!;
        cim.Should().Be(CimValue.Create(TypeOf(expected), expected));
        OneWriteAskingForNoRestart(h, className);
        h.Restarts(Adapter).Should().Be(1);
        h.Registry.Writes.Should().BeEmpty("a CIM host is written through CIM only");

        h.Test(desired).InDesiredState.Should().BeTrue();
        var again = h.Set(desired);
        again.ChangedProperties.Should().BeEmpty();
        h.Cim.Modifications.Count.Should().Be(className == FakeCimClassCatalog.IPsecOffload ? 0 : 1);
        h.Cim.Invocations.Count(i => i.Method == "Set").Should().Be(className == FakeCimClassCatalog.IPsecOffload ? 1 : 0);
        h.Restarts(Adapter).Should().Be(1);
    }

    // IPsec offload is written through its documented Set method with NoRestart; the other classes by one
    // ModifyInstance with the NoRestart operation option (see AdapterWritePlanner).
    private static void OneWriteAskingForNoRestart(WindowsResourceHarness h, string className)
    {
        if (className == FakeCimClassCatalog.IPsecOffload)
        {
            h.Cim.Modifications.Should().BeEmpty();
            h.Cim.Invocations.Where(i => i.Method == "Set").Should().ContainSingle().Which.Arguments.Should().Contain("NoRestart", true);
            return;
        }

        h.Cim.Modifications.Should().ContainSingle().Which.Options.Should().Contain("NoRestart", true);
    }

    [Theory]
    [MemberData(nameof(EveryKeywordProperty))]
    public void Property_OnHostWithoutCimClasses_WritesTheNdisKeywordRestartsThroughWin32AndConverges(
        string property, string value, string keyword, string expected)
    {
        var h = new WindowsResourceHarness("server2008r2.json");
        var wanted = JToken.Parse(value);
        var desired = Desired(LegacyAdapter, property, wanted);
        var storedBefore = h.Keyword(LegacyAdapter, keyword);

        var test = h.Test(desired);
        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal(property);

        h.WhatIf(desired).ChangedProperties.Should().Equal(property);
        h.ChangeCount.Should().Be(0);
        h.Keyword(LegacyAdapter, keyword).Should().Be(storedBefore);

        var set = h.Set(desired);
        set.ChangedProperties.Should().Equal(property);
        h.Keyword(LegacyAdapter, keyword).Should().Be(expected);
        h.Registry.Writes.Should().ContainSingle();
        h.Cim.Modifications.Should().BeEmpty();
        h.Cim.Invocations.Select(i => i.Method).Should().Equal("Disable", "Enable");
        h.Restarts(LegacyAdapter).Should().Be(1);
        h.Cim.DisabledAdapters.Should().BeEmpty();

        h.Test(desired).InDesiredState.Should().BeTrue();
        h.Set(desired).ChangedProperties.Should().BeEmpty();
        h.Registry.Writes.Should().ContainSingle();
        h.Restarts(LegacyAdapter).Should().Be(1);
    }

    [Fact]
    public void Rss_StoredAsRegDword_StaysADwordAfterSet()
    {
        var h = new WindowsResourceHarness("server2008r2.json");

        h.Set($"{{\"name\":\"{LegacyAdapter}\",\"rss\":false}}");

        var stored = h.Registry.Read(h.Host.DriverKey(h.Host.Adapter(LegacyAdapter)), "*RSS")!;
        stored.Number.Should().Be(0);
        h.Get($"{{\"name\":\"{LegacyAdapter}\"}}").ActualState["rss"]!.Value<bool>().Should().BeFalse();
    }

    [Fact]
    public void Get_OnCimHost_ReportsEveryTypedPropertyIdentityAndAdvancedProperties()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var state = h.Get($"{{\"name\":\"{Adapter}\"}}").ActualState;

        state["name"]!.Value<string>().Should().Be(Adapter);
        foreach (var name in AdapterOffloadSettings.All.Select(s => s.Name))
        {
            state[name].Should().NotBeNull(name);
        }

        state["checksumTcpIPv4"]!.Value<string>().Should().Be("RxTxEnabled");
        state["tcpConnectionOffloadIPv6"]!.Value<bool>().Should().BeFalse();
        state["advancedProperties"]!["*JumboPacket"]!.Value<string>().Should().Be("1514");
        var entry = WindowsResourceHarness.Entry(state, Adapter);
        entry["interfaceGuid"]!.Value<string>().Should().Be(h.Host.Adapter(Adapter).InterfaceGuid);
        entry["interfaceDescription"]!.Value<string>().Should().Be(h.Host.Adapter(Adapter).InterfaceDescription);
        h.ChangeCount.Should().Be(0);
    }

    private static string Desired(string adapter, string property, JToken value) =>
        new JObject { ["name"] = adapter, [property] = value }.ToString(Newtonsoft.Json.Formatting.None);

    /// <summary>For a map property only the members the test asks for; otherwise the value itself.</summary>
    private static JToken? Project(JToken? actual, JToken wanted)
    {
        if (wanted is not JObject members)
        {
            return actual;
        }

        var projected = new JObject();
        foreach (var p in members.Properties())
        {
            var match = (actual as JObject)?.Properties().FirstOrDefault(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase));
            projected[p.Name] = match?.Value.DeepClone();
        }

        return projected;
    }

    private static CimValueType TypeOf(object expected) => expected switch
    {
        bool => CimValueType.Boolean,
        byte => CimValueType.UInt8,
        ushort => CimValueType.UInt16,
        uint => CimValueType.UInt32,
        string[] => CimValueType.StringArray,
        _ => throw new ArgumentException($"no CIM type for {expected.GetType().Name}", nameof(expected)),
    };
}
