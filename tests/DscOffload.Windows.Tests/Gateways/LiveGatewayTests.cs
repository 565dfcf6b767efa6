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

    [Fact]
    public void MiCimGateway_WhenMiNativeLibraryCannotBeLoaded_FailsNamingTheFileAndWhereItBelongs()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Off Windows MI's native library does not exist, so the first real MI call fails to load it,
        // as it does on a Windows host whose package lacks the file.
        using var gateway = new MiCimGateway { RequireWindows = false };

        var act = () => gateway.Query("ROOT/StandardCimv2", "MSFT_NetAdapter", null);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.Unexpected);
        error.Message.Should().Contain(MiNativeLibrary.FileName).And.Contain("beside dscoffload.exe").And.Contain("reinstall");
    }

    [Theory]
    [InlineData(typeof(DllNotFoundException), "is missing")]
    [InlineData(typeof(BadImageFormatException), "is not a valid library for this architecture")]
    [InlineData(typeof(EntryPointNotFoundException), "is not the version this build needs")]
    public void MiNativeLibrary_LoadFailure_NamesTheFileTheFolderAndTheCause(Type exceptionType, string problem)
    {
        var cause = (Exception)Activator.CreateInstance(exceptionType, "cause text")!;
        var wrapped = new TypeInitializationException("Some.MiType", cause);

        MiNativeLibrary.IsLoadFailure(wrapped).Should().BeTrue();
        var error = MiNativeLibrary.LoadFailure(wrapped, @"C:\Packages\bin");

        error.Message.Should().StartWith($"the CIM (WMI) library {MiNativeLibrary.FileName} {problem}")
            .And.Contain(@"in C:\Packages\bin").And.EndWith("(cause text)");
    }

    [Fact]
    public void MiNativeLibrary_IsLoadFailure_IsFalseForOtherErrors()
    {
        MiNativeLibrary.IsLoadFailure(new InvalidOperationException("x")).Should().BeFalse();
        MiNativeLibrary.IsLoadFailure(new TypeInitializationException("T", new InvalidOperationException("x"))).Should().BeFalse();
    }
}
