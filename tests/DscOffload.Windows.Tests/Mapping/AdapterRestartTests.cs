using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Mapping;

public class AdapterRestartTests
{
    [Fact]
    public void RestartAdapter_CallsMsftNetAdapterRestartOnceForThatAdapterOnly()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var adapter = host.Adapter("Ethernet 2");

        host.CreatePlatform().RestartAdapter(adapter);

        host.Cim.RestartCount(adapter.InterfaceGuid).Should().Be(1);
        host.Adapters.Where(a => a != adapter).Should().OnlyContain(a => host.Cim.RestartCount(a.InterfaceGuid) == 0);
        host.Cim.Invocations.Should().ContainSingle().Which.Method.Should().Be("Restart");
    }

    [Fact]
    public void RestartAdapter_WithoutMsftNetAdapter_DisablesAndEnablesTheWin32Adapter()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var adapter = host.Adapter("Local Area Connection 2");

        host.CreatePlatform().RestartAdapter(adapter);

        host.Cim.Invocations.Select(i => i.Method).Should().Equal("Disable", "Enable");
        host.Cim.RestartCount(adapter.InterfaceGuid).Should().Be(1);
        host.Cim.DisabledAdapters.Should().BeEmpty();
    }

    [Fact]
    public void RestartAdapter_NotElevated_IsElevationRequired()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.Elevated = false;

        var act = () => host.CreatePlatform().RestartAdapter(host.Adapter("Ethernet 2"));

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
    }

    [Fact]
    public void RestartAdapter_Win32AccessDeniedReturnCode_IsElevationRequired()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        host.Cim.SetReturnValue(FakeCimClassCatalog.Win32NetworkAdapter, "Disable", 5);

        var act = () => host.CreatePlatform().RestartAdapter(host.Adapter("Local Area Connection"));

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
    }

    [Fact]
    public void RestartAdapter_EnableFailsAfterDisable_SaysTheAdapterIsLeftDisabled()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var adapter = host.Adapter("Local Area Connection");
        host.Cim.SetReturnValue(FakeCimClassCatalog.Win32NetworkAdapter, "Enable", 1);

        var act = () => host.CreatePlatform().RestartAdapter(adapter);

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("enable it by hand");
        host.Cim.DisabledAdapters.Should().Contain(adapter.InterfaceGuid);
    }

    [Fact]
    public void RestartAdapter_AdapterThatVanished_IsNoMatch()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var gone = new WindowsAdapterInfo("Gone", "Gone NIC", "{33333333-4444-4555-8666-777777777777}", false);

        var act = () => host.CreatePlatform().RestartAdapter(gone);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NoMatch);
    }
}
