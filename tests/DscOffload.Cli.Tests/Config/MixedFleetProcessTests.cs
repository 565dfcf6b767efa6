using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>Mixed fleets through the binary: other platforms' types are not applicable, and two files claiming one host stay two hosts.</summary>
public sealed class MixedFleetProcessTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-mixed-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void LinuxDocument_AgainstARecordedWindowsHost_IsNotApplicable_NotDrift()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", "examples/linux-offload-baseline.dsc.yaml",
            "--against", "examples/snapshots/windows/fast-01.dsc.json", "--format", "json", "--fail-on-drift");

        result.ExitCode.Should().Be(0, result.ToString());
        var envelope = JObject.Parse(result.Stdout);
        envelope["results"]!.Should().BeEmpty();
        envelope["messages"]!.Should().Contain(m => m["message"]!.Value<string>()!.StartsWith("not applicable to this host", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoFilesWithOneHostName_AreTwoHosts_AndTheCollisionIsReported()
    {
        var source = RepositoryPaths.InRepo("examples", "snapshots", "windows", "fast-02.dsc.json");
        var host = JObject.Parse(File.ReadAllText(source))["metadata"]!["DscOffload"]!["host"]!.Value<string>();
        File.Copy(source, Path.Combine(_dir.FullName, "a.dsc.json"));
        File.Copy(source, Path.Combine(_dir.FullName, "b.dsc.json"));

        var result = DscOffloadProcess.Run("config", "test", "--file", "examples/fast-search-ipsec-baseline.dsc.yaml", "--against", _dir.FullName, "--format", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var hosts = result.StdoutLines.Select(l => JObject.Parse(l)["metadata"]!["DscOffload"]!["host"]!.Value<string>()).ToList();
        hosts.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        hosts.Should().Contain(host).And.Contain(h => h!.StartsWith(host + " (", StringComparison.Ordinal));
        result.Stderr.Should().Contain($"both record host '{host}'");
    }
}
