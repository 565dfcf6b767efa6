using DscOffload.Core.Diagnostics;
using DscOffload.Packaging.Binaries;
using DscOffload.Packaging.PowerShell;
using DscOffload.Packaging.Tests.Support;
using DscOffload.Windows.Live;

namespace DscOffload.Packaging.Tests.Binaries;

public sealed class PackageBinaryTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Locate_GivenBinaryOfTheOtherPlatform_FailsNamingWhatItIsAndHowToBuildTheRightOne()
    {
        var elf = _files.WriteBytes("dscoffload", TestFiles.ElfHeader(0x3E));
        var act = () => PackageBinary.Locate(PackagePlatform.Windows, elf, null, []);
        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidArguments)
            .WithMessage("*is a Linux ELF x64 executable, but --platform windows needs the windows build*dotnet publish*-r win-x64*");
    }

    [Fact]
    public void Locate_GivenFileThatIsNoExecutable_FailsClearly()
    {
        var text = _files.Write("dscoffload.exe", "not a program");
        var act = () => PackageBinary.Locate(PackagePlatform.Windows, text, null, []);
        act.Should().Throw<DscOffloadException>().WithMessage("*is not an x64/arm64/x86/arm ELF or PE executable*");
    }

    [Fact]
    public void Locate_GivenMissingFile_FailsNamingIt()
    {
        var act = () => PackageBinary.Locate(PackagePlatform.Linux, _files.PathOf("nowhere"), null, []);
        act.Should().Throw<DscOffloadException>().WithMessage("*--binary '*nowhere' does not exist*");
    }

    [Fact]
    public void Locate_GivenBinaryOfThePlatform_UsesItWithItsRuntimeId()
    {
        var pe = _files.WriteBytes("dscoffload.exe", TestFiles.PeHeader(0xAA64));
        var binary = PackageBinary.Locate(PackagePlatform.Windows, pe, null, []);
        binary.Path.Should().Be(pe);
        binary.Format.RuntimeId.Should().Be("win-arm64");
        PowerShellModuleFiles.BinaryPath(binary.Format).Should().Be("bin/win-arm64/dscoffload.exe");
    }

    [Fact]
    public void Locate_WithoutBinaryForTheOtherPlatform_FailsSayingToPassOne()
    {
        var other = OperatingSystem.IsWindows() ? PackagePlatform.Linux : PackagePlatform.Windows;
        var act = () => PackageBinary.Locate(other, null, "/usr/bin/dscoffload", []);
        act.Should().Throw<DscOffloadException>().WithMessage("*needs the * build of dscoffload*pass --binary PATH*");
    }

    [Fact]
    public void Locate_WithoutBinaryWhenTheRunningProgramIsNotDscoffload_FailsSayingToPassOne()
    {
        var running = OperatingSystem.IsWindows() ? PackagePlatform.Windows : PackagePlatform.Linux;
        var act = () => PackageBinary.Locate(running, null, "/usr/share/dotnet/dotnet", []);
        act.Should().Throw<DscOffloadException>().WithMessage("*the running program (/usr/share/dotnet/dotnet) is not a self-contained dscoffload executable*--binary*");
    }

    [Fact]
    public void Locate_WithoutBinaryWhenTheRunningProgramIsDscoffloadForThePlatform_UsesIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var running = _files.WriteBytes("dscoffload", TestFiles.ElfHeader(0x3E));
        PackageBinary.Locate(PackagePlatform.Linux, null, running, []).Path.Should().Be(running);
    }

    [Theory]
    [InlineData("win-x64")]
    [InlineData("win-arm64")]
    public void WindowsNativeLibraries_AreTheNativeAssetsThePackagesBringForTheRuntime(string runtimeId)
    {
        // The packages' runtimes/<rid>/native folders are what a publish puts beside the exe; the product's
        // list must name each of them, so an MI update that adds a library fails here.
        var fromPackages = NativeAssets.For(runtimeId);

        fromPackages.Should().NotBeEmpty();
        MiNativeLibrary.FileNames.Should().BeEquivalentTo(fromPackages);
    }

    [Fact]
    public void Locate_GivenWindowsBinaryWithoutItsNativeLibraryBeside_FailsNamingTheLibraryAndTheFolder()
    {
        var pe = _files.WriteBytes("dscoffload.exe", TestFiles.PeHeader(0x8664));

        var act = () => PackageBinary.Locate(PackagePlatform.Windows, pe, null, MiNativeLibrary.FileNames);

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidArguments)
            .WithMessage($"--binary '{pe}' needs {MiNativeLibrary.FileName} beside it in {_files.Root}*loads that library at run time*scripts/publish-windows.sh*");
    }

    [Fact]
    public void Locate_GivenWindowsBinaryWithItsNativeLibrariesBeside_CarriesThem()
    {
        var pe = _files.WriteBytes("dscoffload.exe", TestFiles.PeHeader(0x8664));
        var libraries = NativeAssets.For("win-x64").Select(name => _files.WriteBytes(name, [1, 2, 3])).ToList();

        var binary = PackageBinary.Locate(PackagePlatform.Windows, pe, null, MiNativeLibrary.FileNames);

        binary.Libraries.Should().BeEquivalentTo(libraries);
    }
}
