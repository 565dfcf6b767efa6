using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Mapping;

public class AdapterWriteMappingTests
{
    public static TheoryData<string, object, string, string?> EveryCimSetting() => new()
    {
        { "lsoV1IPv4", true, FakeCimClassCatalog.Lso, "V1IPv4Enabled" },
        { "lsoIPv4", false, FakeCimClassCatalog.Lso, "IPv4Enabled" },
        { "lsoIPv6", false, FakeCimClassCatalog.Lso, "IPv6Enabled" },
        { "checksumIPv4", "TxEnabled", FakeCimClassCatalog.Checksum, "IpIPv4Enabled" },
        { "checksumTcpIPv4", "Disabled", FakeCimClassCatalog.Checksum, "TcpIPv4Enabled" },
        { "checksumTcpIPv6", "RxEnabled", FakeCimClassCatalog.Checksum, "TcpIPv6Enabled" },
        { "checksumUdpIPv4", "Disabled", FakeCimClassCatalog.Checksum, "UdpIPv4Enabled" },
        { "checksumUdpIPv6", "TxEnabled", FakeCimClassCatalog.Checksum, "UdpIPv6Enabled" },
        { "rss", false, FakeCimClassCatalog.Rss, "Enabled" },
        { "rscIPv4", false, FakeCimClassCatalog.Rsc, "IPv4Enabled" },
        { "rscIPv6", false, FakeCimClassCatalog.Rsc, "IPv6Enabled" },
        { "ipsecOffload", true, FakeCimClassCatalog.IPsecOffload, "Enabled" },
        { "tcpConnectionOffloadIPv4", false, FakeCimClassCatalog.AdvancedProperty, null },
        { "tcpConnectionOffloadIPv6", true, FakeCimClassCatalog.AdvancedProperty, null },
    };

    [Theory]
    [MemberData(nameof(EveryCimSetting))]
    public void WriteAdapter_EachSetting_ModifiesItsCimPropertyWithTheDocumentedTypeAndReadsBack(string name, object value, string className, string? property)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Ethernet 2");
        platform.ReadAdapter(adapter).Settings[name].Should().NotBe(value, "the test must change something");
        var change = new WindowsAdapterChange();
        change.Settings[name] = value;

        platform.WriteAdapter(adapter, change);

        platform.ReadAdapter(adapter).Settings[name].Should().Be(value);
        if (className == FakeCimClassCatalog.IPsecOffload)
        {
            // Written through the documented Set method instead (IPsecOffloadSetMethodTests).
            host.Cim.Modifications.Should().BeEmpty();
            host.Cim.Invocations.Should().ContainSingle().Which.Method.Should().Be("Set");
            host.Cim.RestartCount(adapter.InterfaceGuid).Should().Be(0, "writes never restart; RestartAdapter does");
            return;
        }

        var modification = host.Cim.Modifications.Should().ContainSingle().Which;
        modification.ClassName.Should().Be(className);
        modification.Options.Should().Contain("NoRestart", true);
        if (property is null)
        {
            modification.Changes["RegistryValue"].Should().BeEquivalentTo(new[] { (bool)value ? "1" : "0" });
        }
        else
        {
            var expectedType = value is string ? CimValueType.UInt32 : CimValueType.Boolean;
            host.Cim.SettingData(className, adapter.InterfaceDescription)![property]!.Type.Should().Be(expectedType);
        }

        host.Cim.RestartCount(adapter.InterfaceGuid).Should().Be(0, "writes never restart; RestartAdapter does");
    }

    [Fact]
    public void WriteAdapter_SettingsOfOneClass_AreWrittenInOneModify()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var change = new WindowsAdapterChange();
        change.Settings["lsoIPv4"] = false;
        change.Settings["lsoIPv6"] = false;
        change.Settings["checksumTcpIPv4"] = "Disabled";
        change.Settings["checksumTcpIPv6"] = "Disabled";

        host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        host.Cim.Modifications.Select(m => m.ClassName).Should().Equal(FakeCimClassCatalog.Lso, FakeCimClassCatalog.Checksum);
        host.Cim.Modifications[0].Changes.Should().BeEquivalentTo(new Dictionary<string, object?> { ["IPv4Enabled"] = false, ["IPv6Enabled"] = false });
        host.Cim.Modifications[1].Changes.Should().BeEquivalentTo(new Dictionary<string, object?> { ["TcpIPv4Enabled"] = 0u, ["TcpIPv6Enabled"] = 0u });
    }

    [Fact]
    public void WriteAdapter_AdvancedProperty_WritesAStringArrayThatReadsBackAsItsString()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Ethernet 2");
        var change = new WindowsAdapterChange();
        change.AdvancedProperties["*JumboPacket"] = "9014";
        change.AdvancedProperties["*receivebuffers"] = "2048";

        platform.WriteAdapter(adapter, change);

        var state = platform.ReadAdapter(adapter);
        state.AdvancedProperties["*JumboPacket"].Should().Be("9014");
        state.AdvancedProperties["*ReceiveBuffers"].Should().Be("2048");
        host.Cim.SettingData(FakeCimClassCatalog.AdvancedProperty, adapter.InterfaceDescription, "*JumboPacket")!["RegistryValue"]!
            .Should().Be(CimValue.StringArray(["9014"]));
        host.Cim.Modifications.Should().HaveCount(2).And.OnlyContain(m => m.Changes["RegistryValue"] is string[]);
    }

    [Fact]
    public void WriteAdapter_MultiStringAdvancedProperty_SplitsOnCommasAndRoundTrips()
    {
        var host = FakeWindowsHost.Load("hyperv-guest.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Ethernet");
        var change = new WindowsAdapterChange();
        change.AdvancedProperties["VlanIds"] = "10,20,30";

        platform.WriteAdapter(adapter, change);

        host.Cim.Modifications.Single().Changes["RegistryValue"].Should().BeEquivalentTo(new[] { "10", "20", "30" });
        platform.ReadAdapter(adapter).AdvancedProperties["VlanIds"].Should().Be("10,20,30");
    }

    [Fact]
    public void WriteAdapter_AdvancedValueOutsideValidValues_IsNotSupportedListingThemAndWritesNothing()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var change = new WindowsAdapterChange();
        change.Settings["rss"] = false;
        change.AdvancedProperties["*JumboPacket"] = "9000";

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain("1514, 4088, 9014");
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void WriteAdapter_ValueTheDriverRejects_IsNotSupported()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.FailModify(1, CimFailure.InvalidParameter);
        var change = new WindowsAdapterChange();
        change.Settings["checksumIPv4"] = "TxEnabled";

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
    }

    [Fact]
    public void WriteAdapter_KeywordTheDriverDoesNotDefine_IsNotSupported()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var change = new WindowsAdapterChange();
        change.AdvancedProperties["*UsoIPv4"] = "0";

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
    }

    [Theory]
    [InlineData("realtek-client.json", "rscIPv4")]
    [InlineData("realtek-client.json", "lsoV1IPv4")]
    [InlineData("hyperv-guest.json", "ipsecOffload")]
    [InlineData("hyperv-guest.json", "tcpConnectionOffloadIPv4")]
    public void WriteAdapter_FeatureTheAdapterLacks_IsNotSupportedAndWritesNothing(string file, string name)
    {
        var host = FakeWindowsHost.Load(file);
        var change = new WindowsAdapterChange();
        change.Settings[name] = false;

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet"), change);

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain(name).And.Contain("Ethernet");
        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Theory]
    [InlineData("lso", true)]
    [InlineData("rss", "Enabled")]
    [InlineData("checksumTcpIPv4", true)]
    [InlineData("checksumTcpIPv4", "Both")]
    public void WriteAdapter_UnknownNameOrBadValue_IsValidationFailed(string name, object value)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var change = new WindowsAdapterChange();
        change.Settings[name] = value;

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ValidationFailed);
        host.Cim.Queries.Should().BeEmpty();
    }

    [Fact]
    public void WriteAdapter_NotElevated_IsElevationRequired()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.Elevated = false;
        var change = new WindowsAdapterChange();
        change.Settings["rss"] = false;

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
    }

    [Fact]
    public void WriteAdapter_SecondModifyFails_ReportsExactlyTheFirstAsApplied()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var platform = host.CreatePlatform();
        var adapter = host.Adapter("Ethernet 2");
        host.Cim.FailModify(2);
        var change = new WindowsAdapterChange();
        change.Settings["lsoIPv4"] = false;
        change.Settings["lsoIPv6"] = false;
        change.Settings["rss"] = false;
        change.AdvancedProperties["*JumboPacket"] = "9014";

        var act = () => platform.WriteAdapter(adapter, change);

        var error = act.Should().Throw<PartialAdapterWriteException>().Which;
        error.Applied.Settings.Should().BeEquivalentTo(new Dictionary<string, object> { ["lsoIPv4"] = false, ["lsoIPv6"] = false });
        error.Applied.AdvancedProperties.Should().BeEmpty();
        var after = platform.ReadAdapter(adapter);
        after.Settings["lsoIPv4"].Should().Be(false);
        after.Settings["rss"].Should().Be(true);
        after.AdvancedProperties["*JumboPacket"].Should().Be("1514");
    }

    [Fact]
    public void WriteAdapter_FirstModifyFails_ThrowsThePlainErrorBecauseNothingChanged()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.FailModify(1, CimFailure.AccessDenied);
        var change = new WindowsAdapterChange();
        change.Settings["rss"] = false;
        change.Settings["lsoIPv4"] = false;

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Should().NotBeOfType<PartialAdapterWriteException>();
        error.Kind.Should().Be(ErrorKind.ElevationRequired);
    }

    [Fact]
    public void WriteAdapter_EmptyChange_TouchesNothing()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), new WindowsAdapterChange());

        host.Cim.Queries.Should().BeEmpty();
    }
}
