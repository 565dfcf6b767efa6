using DscOffload.Cli.Tests.Process;
using DscOffload.Packaging.Tests.Support;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Packaging;

/// <summary>`dscoffload package …` run as a process: arguments, exit codes, messages and the summary it prints.</summary>
public sealed class PackageCommandTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void MachineConfiguration_PrintsTheSummaryWithTheContentHash()
    {
        if (!RepositoryPaths.IsNative)
        {
            return;
        }

        var result = DscOffloadProcess.Run("package", "machine-configuration", "--file", "examples/linux-offload-baseline.dsc.yaml",
            "--name", "LinuxBaseline", "--type", "Audit", "--platform", "linux", "--version", "1.2.3", "--output", _files.Root);

        result.ExitCode.Should().Be(0, result.ToString());
        var summary = JObject.Parse(result.Stdout);
        summary["package"]!.Value<string>().Should().Be(Path.Combine(_files.Root, "LinuxBaseline.zip"));
        summary["contentHash"]!.Value<string>().Should().MatchRegex("^[0-9A-F]{64}$");
        File.ReadAllText(Path.Combine(_files.Root, "LinuxBaseline.zip.sha256")).Should().StartWith(summary["contentHash"]!.Value<string>());
        summary["version"]!.Value<string>().Should().Be("1.2.3");
        summary["unpackedBytes"]!.Value<long>().Should().BeLessThan(100_000_000);
        result.Stderr.Should().Contain("contentHash (SHA256): " + summary["contentHash"]);
    }

    [Fact]
    public void MachineConfiguration_WithABinaryOverTheLimit_FailsWithExit4AndTheSizes()
    {
        // A sparse 101 MB file that starts like a Linux x64 executable: the limit is checked before anything is zipped.
        var binary = _files.PathOf("dscoffload");
        using (var file = File.Create(binary))
        {
            file.Write(TestFiles.ElfHeader(0x3E));
            file.SetLength(101_000_000);
        }

        var result = DscOffloadProcess.Run("package", "machine-configuration", "--file", "examples/linux-offload-baseline.dsc.yaml",
            "--name", "TooBig", "--type", "Audit", "--platform", "linux", "--binary", binary, "--output", _files.PathOf("out"));

        result.ExitCode.Should().Be(4, result.ToString());
        result.Stderr.Should().Contain("the package 'TooBig' would unpack to 101.0 MB; Machine Configuration allows at most 100.0 MB (largest file: Modules/DscOffload/bin/linux-x64/dscoffload, 101.0 MB)");
        Directory.Exists(_files.PathOf("out")).Should().BeFalse();
    }

    [Fact]
    public void MachineConfiguration_WindowsWithoutBinaryOnLinux_FailsSayingHowToBuildIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var result = DscOffloadProcess.Run("package", "machine-configuration", "--file", "examples/fast-search-ipsec-baseline.dsc.yaml",
            "--name", "FastSearch", "--type", "AuditAndSet", "--platform", "windows", "--output", _files.Root);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StderrLines.Should().ContainSingle().Which.Should().Contain("needs the windows build of dscoffload").And.Contain("--binary").And.Contain("-r win-x64");
    }

    [Fact]
    public void MachineConfiguration_RejectsAnUnknownType()
    {
        var result = DscOffloadProcess.Run("package", "machine-configuration", "--file", "examples/linux-offload-baseline.dsc.yaml",
            "--name", "X", "--type", "ApplyAndMonitor", "--platform", "linux", "--output", _files.Root);
        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("ApplyAndMonitor").And.Contain("Audit").And.Contain("AuditAndSet");
    }

    [Fact]
    public void PowerShellModule_NoBinary_WritesTheCheckedInFiles()
    {
        var result = DscOffloadProcess.Run("package", "powershell-module", "--output", _files.Root, "--no-binary");

        result.ExitCode.Should().Be(0, result.ToString());
        Directory.GetFiles(Path.Combine(_files.Root, "DscOffload")).Select(Path.GetFileName).Should().BeEquivalentTo("DscOffload.psd1", "DscOffload.psm1");
        File.ReadAllText(Path.Combine(_files.Root, "DscOffload", "DscOffload.psm1"))
            .Should().Be(File.ReadAllText(RepositoryPaths.InRepo("src", "DscOffload.PowerShell", "DscOffload", "DscOffload.psm1")));
    }
}
