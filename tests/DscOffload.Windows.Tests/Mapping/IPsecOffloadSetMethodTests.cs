using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Mapping;

/// <summary>
/// IPsec task offload is written through the documented Set method of MSFT_NetAdapterIPsecOffloadV2SettingData
/// (https://learn.microsoft.com/windows/win32/fwp/wmi/netadaptercimprov/set-msft-netadapteripsecoffloadv2settingdata:
/// Set(Enabled, NoRestart, PassThru)), not ModifyInstance with a guessed operation option.
/// </summary>
public class IPsecOffloadSetMethodTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WriteAdapter_IPsecOffload_CallsSetWithNoRestartAndChangesEnabledOnly(bool enabled)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var adapter = host.Adapter("Ethernet 2");
        var platform = host.CreatePlatform();
        if (!enabled)
        {
            var on = new WindowsAdapterChange();
            on.Settings["ipsecOffload"] = true;
            platform.WriteAdapter(adapter, on);
            host.Cim.Invocations.Clear();
        }

        var change = new WindowsAdapterChange();
        change.Settings["ipsecOffload"] = enabled;
        platform.WriteAdapter(adapter, change);

        var call = host.Cim.Invocations.Should().ContainSingle().Which;
        call.ClassName.Should().Be(FakeCimClassCatalog.IPsecOffload);
        call.Method.Should().Be("Set");
        call.Arguments.Should().BeEquivalentTo(new Dictionary<string, object?> { ["Enabled"] = enabled, ["NoRestart"] = true, ["PassThru"] = false });
        host.Cim.Modifications.Should().BeEmpty();
        host.Cim.RestartCount(adapter.InterfaceGuid).Should().Be(0, "NoRestart: the platform restarts once itself, through RestartAdapter");
        platform.ReadAdapter(adapter).Settings["ipsecOffload"].Should().Be(enabled);
    }

    [Fact]
    public void WriteAdapter_IPsecOffloadWithOtherSettings_WritesEachClassOnceAndRestartsNothing()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var adapter = host.Adapter("Ethernet 2");
        var change = new WindowsAdapterChange();
        change.Settings["ipsecOffload"] = true;
        change.Settings["lsoIPv4"] = false;

        host.CreatePlatform().WriteAdapter(adapter, change);

        host.Cim.Modifications.Should().ContainSingle().Which.ClassName.Should().Be(FakeCimClassCatalog.Lso);
        host.Cim.Invocations.Should().ContainSingle().Which.Method.Should().Be("Set");
        host.Cim.RestartCount(adapter.InterfaceGuid).Should().Be(0);
    }
}
