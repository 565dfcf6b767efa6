using DscOffload.Windows.Cim;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Gateways;

/// <summary>
/// One test per documented rule of the setting-data classes the platform writes, checked on the fake CIM server:
/// the fake must refuse what the documentation says Windows refuses, or the tests over it prove nothing. Each test
/// names its page under https://learn.microsoft.com/windows/win32/fwp/wmi/netadaptercimprov/.
/// </summary>
public class DocumentedClassRulesTests
{
    private const string Adapter = "Ethernet 2";

    private const string Nic = "Documented NIC";
    private const string NicGuid = "{00000000-0000-0000-0000-00000000d0c5}";

    // Instances with every property the rules below touch (the seeded hosts leave some out, as a Windows version
    // whose class lacks them would).
    private static FakeWindowsHost Host()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.AddInstance(FakeCimClassCatalog.NetAdapter, new Dictionary<string, object?>
        {
            ["CreationClassName"] = "MSFT_NetAdapter",
            ["DeviceID"] = NicGuid,
            ["SystemCreationClassName"] = "CIM_NetworkPort",
            ["SystemName"] = "host",
            ["Name"] = "Documented",
            ["InterfaceDescription"] = Nic,
            ["InterfaceGuid"] = NicGuid,
            ["Hidden"] = false,
        });
        host.Cim.AddInstance(FakeCimClassCatalog.AdvancedProperty, new Dictionary<string, object?>
        {
            ["InstanceID"] = "{doc}::*JumboPacket",
            ["InterfaceDescription"] = Nic,
            ["RegistryKeyword"] = "*JumboPacket",
            ["RegistryValue"] = new[] { "1514" },
            ["RegistryDataType"] = 1,
            ["DisplayName"] = "Jumbo Packet",
            ["DisplayValue"] = "Disabled",
            ["DisplayParameterType"] = 5,
            ["ValidRegistryValues"] = new[] { "1514", "4088", "9014" },
            ["DefaultRegistryValue"] = "1514",
        });
        host.Cim.AddInstance(FakeCimClassCatalog.IPsecOffload, new Dictionary<string, object?>
        {
            ["InstanceID"] = "{doc}",
            ["InterfaceDescription"] = Nic,
            ["Enabled"] = false,
            ["EspEnabled"] = false,
            ["UdpEspEnabled"] = 0,
        });
        return host;
    }

    private static CimRecord Advanced(FakeWindowsHost host) => host.Cim.SettingData(FakeCimClassCatalog.AdvancedProperty, Nic, "*JumboPacket")!;

    private static CimRecord IPsec(FakeWindowsHost host) => host.Cim.SettingData(FakeCimClassCatalog.IPsecOffload, Nic)!;

    private static CimRecord SettingData(FakeWindowsHost host, string className) =>
        host.Cim.SettingData(className, host.Adapter(Adapter).InterfaceDescription)!;

    private static Action Modify(FakeWindowsHost host, CimRecord instance, string property, object? value) =>
        () => host.Cim.Modify(instance, new Dictionary<string, object?> { [property] = value });

    private static Action Call(FakeWindowsHost host, CimRecord instance, string method, Dictionary<string, object?> args) =>
        () => host.Cim.Invoke(instance, method, args);

    // msft-netadapteradvancedpropertysettingdata, DisplayName / DisplayParameterType / ValidRegistryValues / DefaultRegistryValue:
    // "Access type: Read-only".
    [Theory]
    [InlineData("DisplayName", "Jumbo Frames")]
    [InlineData("DisplayParameterType", 5u)]
    [InlineData("ValidRegistryValues", new[] { "1514" })]
    [InlineData("DefaultRegistryValue", "1514")]
    public void FakeAdvancedProperty_ReadOnlyProperties_AreRefused(string property, object value)
    {
        var host = Host();
        var before = Advanced(host)[property];

        Modify(host, Advanced(host), property, value).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.NotSupported);
        Advanced(host)[property].Should().Be(before);
    }

    // msft-netadapteradvancedpropertysettingdata, RegistryDataType: "Data type: uint32, Access type: Read/write",
    // values REG_SZ (1), REG_DWORD (4), REG_MULTI_SZ (7), REG_QWORD (11).
    [Fact]
    public void FakeAdvancedPropertyRegistryDataType_IsWritableWithTheDocumentedValuesOnly()
    {
        var host = Host();

        Modify(host, Advanced(host), "RegistryDataType", 4u).Should().NotThrow();
        Advanced(host).GetNumber("RegistryDataType").Should().Be(4);
        Modify(host, Advanced(host), "RegistryDataType", 3u).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Modify(host, Advanced(host), "RegistryDataType", (byte)1).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Advanced(host).GetNumber("RegistryDataType").Should().Be(4);
    }

    // msft-netadapteradvancedpropertysettingdata, DisplayValue / RegistryValue: "Access type: Read/write"; RegistryValue is a string array.
    [Fact]
    public void FakeAdvancedPropertyDisplayValueAndRegistryValue_AreWritable()
    {
        var host = Host();

        Modify(host, Advanced(host), "DisplayValue", "9014 Bytes").Should().NotThrow();
        Modify(host, Advanced(host), "RegistryValue", new[] { "9014" }).Should().NotThrow();
        Modify(host, Advanced(host), "RegistryValue", "9014").Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        Advanced(host).GetStringArray("RegistryValue").Should().Equal("9014");
    }

    // msft-netadapteradvancedpropertysettingdata, ValidRegistryValues: the values of an "enum" parameter; a value outside
    // them is refused with the provider's reason in its error details (the shape is MSFT_WmiError's; see CimErrorClassifierTests).
    [Fact]
    public void FakeAdvancedProperty_ValueOutsideValidRegistryValues_IsRejectedWithReasonInTheDetails()
    {
        var host = Host();

        var error = Modify(host, Advanced(host), "RegistryValue", new[] { "9000" }).Should().Throw<CimOperationException>().Which;

        error.Failure.Should().Be(CimFailure.InvalidParameter);
        error.Details!.Win32Code.Should().Be(87);
        error.Details.Reason.Should().Contain("1514, 4088, 9014");
    }

    // msft-netadapteripsecoffloadv2settingdata: Enabled is "Read/write"; the *Enabled details are "Read-only".
    [Theory]
    [InlineData("EspEnabled", true)]
    [InlineData("UdpEspEnabled", 1u)]
    public void FakeIPsecOffloadDetails_AreReadOnly(string property, object value)
    {
        var host = Host();

        Modify(host, IPsec(host), property, value).Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.NotSupported);
        Modify(host, IPsec(host), "Enabled", true).Should().NotThrow();
    }

    // set-msft-netadapteripsecoffloadv2settingdata: NoRestart "true to not restart the adapter … By default, the adapter will restart."
    [Theory]
    [InlineData(null, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void FakeIPsecSet_RestartsTheAdapterUnlessNoRestart(bool? noRestart, int restarts)
    {
        var host = Host();
        var args = new Dictionary<string, object?> { ["Enabled"] = true };
        if (noRestart is { } flag)
        {
            args["NoRestart"] = flag;
        }

        Call(host, IPsec(host), "Set", args).Should().NotThrow();

        IPsec(host).GetBoolean("Enabled").Should().BeTrue();
        host.Cim.RestartCount(NicGuid).Should().Be(restarts);
    }

    // enable- and disable-msft-netadapteripsecoffloadv2settingdata: Enable/Disable([in] NoRestart, [in] PassThru).
    [Fact]
    public void FakeIPsecEnableAndDisable_SetEnabledAndHonourNoRestart()
    {
        var host = Host();
        var quiet = new Dictionary<string, object?> { ["NoRestart"] = true, ["PassThru"] = false };

        Call(host, IPsec(host), "Enable", quiet).Should().NotThrow();
        IPsec(host).GetBoolean("Enabled").Should().BeTrue();
        Call(host, IPsec(host), "Disable", quiet).Should().NotThrow();
        IPsec(host).GetBoolean("Enabled").Should().BeFalse();
        host.Cim.RestartCount(NicGuid).Should().Be(0);
    }

    // set-msft-netadapteripsecoffloadv2settingdata: the [in] parameters are boolean Enabled, NoRestart and PassThru.
    [Theory]
    [InlineData("Enabled", 1u)]
    [InlineData("NoRestart", "true")]
    [InlineData("AhEnabled", true)]
    public void FakeIPsecSet_UndeclaredParameterOrWrongType_IsInvalidParameter(string parameter, object value)
    {
        var host = Host();

        Call(host, IPsec(host), "Set", new() { ["Enabled"] = true, [parameter] = value })
            .Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        IPsec(host).GetBoolean("Enabled").Should().BeFalse();
    }

    // enable-msft-netadapterlsosettingdata, enable-msft-netadapterrscsettingdata: Enable(IPv4, IPv6) only;
    // enable-msft-netadapterrsssettingdata: no [in] parameter; enable-msft-netadapterchecksumoffloadsettingdata: the five
    // booleans and RxTxControl. None takes NoRestart, which is why the platform keeps ModifyInstance for these classes.
    [Theory]
    [InlineData(FakeCimClassCatalog.Lso)]
    [InlineData(FakeCimClassCatalog.Rsc)]
    [InlineData(FakeCimClassCatalog.Rss)]
    [InlineData(FakeCimClassCatalog.Checksum)]
    public void FakeEnableMethodsOfOtherClasses_TakeNoNoRestart(string className)
    {
        var host = Host();

        Call(host, SettingData(host, className), "Enable", new() { ["NoRestart"] = true })
            .Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
    }

    // The same pages: the MethodParameters the fake declares are the documented ones.
    [Fact]
    public void FakeMethodSignatures_AreTheDocumentedOnes()
    {
        FakeCimClassCatalog.Get(FakeCimClassCatalog.Lso).MethodParameters["Disable"].Keys.Should().BeEquivalentTo("IPv4", "IPv6");
        FakeCimClassCatalog.Get(FakeCimClassCatalog.Checksum).MethodParameters["Enable"].Keys
            .Should().BeEquivalentTo("IpIPv4", "TcpIPv4", "TcpIPv6", "UdpIPv4", "UdpIPv6", "RxTxControl");
        FakeCimClassCatalog.Get(FakeCimClassCatalog.IPsecOffload).MethodParameters["Set"].Should().BeEquivalentTo(
            new Dictionary<string, CimValueType> { ["Enabled"] = CimValueType.Boolean, ["NoRestart"] = CimValueType.Boolean, ["PassThru"] = CimValueType.Boolean });
        FakeCimClassCatalog.Get(FakeCimClassCatalog.Rss).MethodParameters["Enable"].Should().BeEmpty();
    }
}
