using DscOffload.Windows.Cim;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Gateways;

/// <summary>The fake must behave like the documented classes, or tests over it prove nothing.</summary>
public class FakeCimGatewayTests
{
    private static CimRecord Lso(FakeWindowsHost host) =>
        host.Cim.SettingData(FakeCimClassCatalog.Lso, host.Adapter("Ethernet 2").InterfaceDescription)!;

    [Fact]
    public void Query_ClassTheHostLacks_ReportsClassMissingNotAnEmptyList()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");

        var act = () => host.Cim.Query(FakeCimClassCatalog.StandardCimv2, FakeCimClassCatalog.Lso, null);

        act.Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.ClassMissing);
    }

    [Fact]
    public void Query_ExistingClassWithoutInstanceForTheAdapter_IsEmpty()
    {
        var host = FakeWindowsHost.Load("realtek-client.json");

        var found = host.Cim.Query(FakeCimClassCatalog.StandardCimv2, FakeCimClassCatalog.Rsc, WqlLiteral.EqualsFilter("InterfaceDescription", "Realtek PCIe GbE Family Controller"));

        found.Should().BeEmpty();
    }

    [Fact]
    public void Query_HiddenAdapters_NeedIncludeHidden()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var plain = host.Cim.Query(FakeCimClassCatalog.StandardCimv2, FakeCimClassCatalog.NetAdapter, null);
        var all = host.Cim.Query(FakeCimClassCatalog.StandardCimv2, FakeCimClassCatalog.NetAdapter, null, new Dictionary<string, object> { ["IncludeHidden"] = true });

        plain.Should().HaveCount(all.Count - 1);
    }

    [Fact]
    public void Seeds_HaveTheDocumentedCimTypes()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var description = host.Adapter("Ethernet 2").InterfaceDescription;

        host.Cim.InstancesOf(FakeCimClassCatalog.GlobalSetting).Single()["Chimney"]!.Type.Should().Be(CimValueType.UInt8);
        host.Cim.SettingData(FakeCimClassCatalog.Checksum, description)!["TcpIPv4Enabled"]!.Type.Should().Be(CimValueType.UInt32);
        Lso(host)["IPv4Enabled"]!.Type.Should().Be(CimValueType.Boolean);
        host.Cim.SettingData(FakeCimClassCatalog.AdvancedProperty, description, "*JumboPacket")!["RegistryValue"]!.Type.Should().Be(CimValueType.StringArray);
        Lso(host).KeyNames.Should().Equal("InstanceID");
    }

    [Fact]
    public void Modify_ReadOnlyProperty_IsRejected()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var act = () => host.Cim.Modify(Lso(host), new Dictionary<string, object?> { ["MaximumLsoVersionSupported"] = 1u });

        act.Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.NotSupported);
    }

    [Theory]
    [InlineData("IPv4Enabled", 1u)]
    [InlineData("IPv4Enabled", "true")]
    [InlineData("NoSuchProperty", true)]
    public void Modify_WrongTypeOrUnknownProperty_IsInvalidParameter(string property, object value)
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var act = () => host.Cim.Modify(Lso(host), new Dictionary<string, object?> { [property] = value });

        act.Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.InvalidParameter);
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void Modify_AdvancedValueOutsideValidRegistryValues_IsInvalidParameter()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var jumbo = host.Cim.SettingData(FakeCimClassCatalog.AdvancedProperty, host.Adapter("Ethernet 2").InterfaceDescription, "*JumboPacket")!;

        var act = () => host.Cim.Modify(jumbo, new Dictionary<string, object?> { ["RegistryValue"] = new[] { "9000" } });

        act.Should().Throw<CimOperationException>().Which.Message.Should().Contain("1514, 4088, 9014");
    }

    [Fact]
    public void Modify_InstanceFoundByKeysEvenFromAStaleRecord()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var stale = Lso(host);
        host.Cim.Modify(stale, new Dictionary<string, object?> { ["IPv4Enabled"] = false });

        host.Cim.Modify(stale, new Dictionary<string, object?> { ["IPv6Enabled"] = false });

        Lso(host).GetBoolean("IPv4Enabled").Should().BeFalse();
        Lso(host).GetBoolean("IPv6Enabled").Should().BeFalse();
    }

    [Fact]
    public void Modify_InjectedFailure_HitsOnlyTheNthCall()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.FailModify(2);
        var lso = Lso(host);

        host.Cim.Modify(lso, new Dictionary<string, object?> { ["IPv4Enabled"] = false });
        var second = () => host.Cim.Modify(lso, new Dictionary<string, object?> { ["IPv6Enabled"] = false });
        second.Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.Failed);
        host.Cim.Modify(lso, new Dictionary<string, object?> { ["IPv6Enabled"] = false });

        host.Cim.Modifications.Should().HaveCount(2);
    }

    [Fact]
    public void Invoke_UnknownMethod_IsMethodNotFound()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var act = () => host.Cim.Invoke(Lso(host), "Restart", new Dictionary<string, object?>());

        act.Should().Throw<CimOperationException>().Which.Failure.Should().Be(CimFailure.MethodNotFound);
    }
}
