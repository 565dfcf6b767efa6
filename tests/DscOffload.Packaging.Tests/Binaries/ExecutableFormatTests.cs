using DscOffload.Cli.Tests.Process;
using DscOffload.Packaging.Binaries;
using DscOffload.Packaging.Tests.Support;

namespace DscOffload.Packaging.Tests.Binaries;

public class ExecutableFormatTests
{
    [Theory]
    [InlineData((ushort)0x3E, "linux-x64")]
    [InlineData((ushort)0xB7, "linux-arm64")]
    public void Parse_ElfHeader_GivesLinuxAndTheArchitecture(ushort machine, string runtimeId)
    {
        var format = ExecutableFormat.Parse(TestFiles.ElfHeader(machine));
        format!.Platform.Should().Be(PackagePlatform.Linux);
        format.RuntimeId.Should().Be(runtimeId);
    }

    [Theory]
    [InlineData((ushort)0x8664, "win-x64")]
    [InlineData((ushort)0xAA64, "win-arm64")]
    public void Parse_PeHeader_GivesWindowsAndTheArchitecture(ushort machine, string runtimeId)
    {
        var format = ExecutableFormat.Parse(TestFiles.PeHeader(machine));
        format!.Platform.Should().Be(PackagePlatform.Windows);
        format.RuntimeId.Should().Be(runtimeId);
    }

    [Fact]
    public void Parse_TextOrUnknownMachines_IsNull()
    {
        ExecutableFormat.Parse("#!/bin/sh\necho not a binary\n"u8).Should().BeNull();
        ExecutableFormat.Parse(TestFiles.ElfHeader(0x1234)).Should().BeNull();
        var mzWithoutPe = TestFiles.PeHeader(0x8664);
        mzWithoutPe[0x80] = 0;
        ExecutableFormat.Parse(mzWithoutPe).Should().BeNull();
        ExecutableFormat.Parse([]).Should().BeNull();
    }

    [Fact]
    public void Read_TheBinaryUnderTest_IsALinuxExecutableForThisMachine()
    {
        if (!RepositoryPaths.IsNative || !OperatingSystem.IsLinux())
        {
            return;
        }

        var format = ExecutableFormat.Read(RepositoryPaths.Binary)!;
        format.Platform.Should().Be(PackagePlatform.Linux);
        format.Architecture.Should().Be(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
    }
}
