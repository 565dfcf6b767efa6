using System.Runtime.Versioning;
using DscOffload.Cli.Tests.Linux;
using DscOffload.Cli.Tests.Process;
using DscOffload.Cli.Tests.Protocol;
using DscOffload.Tests.Privileged;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// A live test with <c>persist</c> run without root, where NetworkManager's keyfile directory is root's alone (as on
/// most hosts): the answer is exit 3 with one line naming the directory, as for a file it may not read, not an
/// unexpected error.
/// </summary>
public sealed class UnreadableNetworkConfigurationTests : IDisposable
{
    private static readonly string[] AsNobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

    private readonly CliVethNamespace _veth = new();
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("dscoffload-unreadable-");

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _veth.Dispose();
    }

    [PrivilegedFact("setpriv")]
    [SupportedOSPlatform("linux")]
    public void ResourceTest_WhenNetworkManagersDirectoryIsRootsAlone_ExitsElevationRequiredNamingIt()
    {
        var links = Directory.CreateDirectory(Path.Combine(_root.FullName, "etc", "systemd", "network"));
        var profiles = Directory.CreateDirectory(Path.Combine(_root.FullName, "etc", "NetworkManager", "system-connections"));
        File.SetUnixFileMode(profiles.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var open in new[] { _root.FullName, Path.Combine(_root.FullName, "etc"), Path.GetDirectoryName(links.FullName)!, links.FullName, Path.GetDirectoryName(profiles.FullName)! })
        {
            File.SetUnixFileMode(open, (UnixFileMode)0b111_101_101);
        }

        var result = DscOffloadProcess.Run(
            ["resource", "test", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", """{"name":"eth0","features":{"gro":true},"persist":"NetworkManager"}"""],
            env: new Dictionary<string, string?>
            {
                ["DSCOFFLOAD_NETWORK_CONFIG_ROOT"] = _root.FullName,
                ["DSCOFFLOAD_SYSTEMD_NETWORK_DIR"] = links.FullName,
                ["DSCOFFLOAD_SYSTEMD_LINK_PATH"] = links.FullName,
                ["DSCOFFLOAD_RESOURCE_STATE"] = null,
                ["DSCOFFLOAD_STATE_DIR"] = Path.Combine(_root.FullName, "state"),
            },
            netns: _veth.Name, launcher: AsNobody);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().NotContain("   at ").And.NotContain("unexpected error");
        result.StderrLines.Select(DscTraceLine.Parse).Should().Contain(
            t => t!.Level == "error" && t.Message.Contains($"listing {profiles.FullName} needs root"), result.ToString());
    }
}
