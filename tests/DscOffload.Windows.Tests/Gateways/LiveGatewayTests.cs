using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Live;

namespace DscOffload.Windows.Tests.Gateways;

public class LiveGatewayTests
{
    [Fact]
    public void MiCimGateway_OffWindows_IsNotSupportedNamingWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var gateway = new MiCimGateway();

        var act = () => gateway.Query("ROOT/StandardCimv2", "MSFT_NetAdapter", null);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain("only on Windows");
    }

    [Fact]
    public void LivePlatform_OffWindows_IsNotSupported()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var act = LiveWindowsOffloadPlatform.Create;

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
    }
}
