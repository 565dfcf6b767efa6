using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Mapping;

/// <summary>
/// Provider errors reach the operator through their error details: a generic MI failure whose MSFT_WmiError says
/// Win32 ERROR_ACCESS_DENIED is "elevation required" (exit 3), one that says ERROR_INVALID_PARAMETER is a value the
/// host cannot take (resource exit 5), with the provider's own reason in the message.
/// </summary>
public class ProviderErrorMappingTests
{
    private static (FakeWindowsHost Host, WindowsAdapterInfo Adapter) X710()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        return (host, host.Adapter("Ethernet 2"));
    }

    private static WindowsAdapterChange Change(string setting, object value)
    {
        var change = new WindowsAdapterChange();
        change.Settings[setting] = value;
        return change;
    }

    [Fact]
    public void WriteAdapter_ProviderRejectsTheValueAsWin32InvalidParameter_IsNotSupportedWithTheProvidersReason()
    {
        var (host, adapter) = X710();
        host.Cim.FailModify(1, CimFailure.Failed, new CimErrorDetails("Win32", 87, Message: "The driver refused value 0 for IPv4Enabled."));

        var act = () => host.CreatePlatform().WriteAdapter(adapter, Change("lsoIPv4", false));

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        ResourceExitCodes.For(error.Kind).Should().Be(ResourceExitCode.NotSupported);
        error.Message.Should().Contain("rejected by the driver").And.Contain("The driver refused value 0 for IPv4Enabled.").And.Contain("Win32 error 87");
    }

    [Fact]
    public void WriteAdapter_ProviderDeniesAccessInItsDetails_IsElevationRequired()
    {
        var (host, adapter) = X710();
        host.Cim.FailModify(1, CimFailure.Failed, new CimErrorDetails("HRESULT", 0x80070005, Message: "Access is denied."));

        var act = () => host.CreatePlatform().WriteAdapter(adapter, Change("lsoIPv4", false));

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.ElevationRequired);
        ResourceExitCodes.For(error.Kind).Should().Be(ResourceExitCode.ElevationRequired);
        error.Message.Should().Contain("Access is denied.");
    }

    [Fact]
    public void WriteAdapter_NotElevated_TheFakesWin32AccessDeniedIsElevationRequired()
    {
        var (host, adapter) = X710();
        host.Cim.Elevated = false;

        var act = () => host.CreatePlatform().WriteAdapter(adapter, Change("rscIPv4", false));

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void WriteAdapter_GenericFailureWithoutKnownCode_StaysUnexpected()
    {
        var (host, adapter) = X710();
        host.Cim.FailModify(1, CimFailure.Failed, new CimErrorDetails("Win32", 31, Message: "A device attached to the system is not functioning."));

        var act = () => host.CreatePlatform().WriteAdapter(adapter, Change("lsoIPv4", false));

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.Unexpected);
        error.Message.Should().Contain("A device attached to the system is not functioning.");
    }

    [Fact]
    public void WriteAdapter_IPsecSetReturnsInvalidParameter_IsNotSupported()
    {
        var (host, adapter) = X710();
        host.Cim.SetReturnValue(FakeCimClassCatalog.IPsecOffload, "Set", 87);

        var act = () => host.CreatePlatform().WriteAdapter(adapter, Change("ipsecOffload", true));

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain("ipsecOffload").And.Contain("returned 87");
        host.Cim.SettingData(FakeCimClassCatalog.IPsecOffload, adapter.InterfaceDescription)!.GetBoolean("Enabled").Should().BeFalse();
    }

    [Fact]
    public void WriteAdapter_IPsecSetReturnsAnUnknownCode_IsUnexpectedNamingIt()
    {
        var (host, adapter) = X710();
        host.Cim.SetReturnValue(FakeCimClassCatalog.IPsecOffload, "Set", 31);

        var act = () => host.CreatePlatform().WriteAdapter(adapter, Change("ipsecOffload", true));

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("return value 31");
    }
}
