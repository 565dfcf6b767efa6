using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// A live resource in a run that redirects one of <c>DSCOFFLOAD_SYSTEMD_NETWORK_DIR</c> and
/// <c>DSCOFFLOAD_NETWORK_CONFIG_ROOT</c> never reaches the host's own configuration through the other: the stores
/// that would are refused, and the <c>.link</c> files follow the configuration root.
/// </summary>
[Collection(nameof(ProcessEnvironmentGroup))]
public sealed class RedirectedEnvironmentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dscoffload-redirected-").FullName;
    private readonly string? _savedLinks = Environment.GetEnvironmentVariable(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable);
    private readonly string? _savedRoot = Environment.GetEnvironmentVariable(LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable);
    private readonly List<ResourceMessage> _messages = [];

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable, _savedLinks);
        Environment.SetEnvironmentVariable(LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable, _savedRoot);
        Directory.Delete(_dir, recursive: true);
    }

    private static void Redirect(string? links, string? root)
    {
        Environment.SetEnvironmentVariable(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable, links);
        Environment.SetEnvironmentVariable(LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable, root);
    }

    private TestOutcome Test(string persist) => new LinuxNetAdapterOffloadResource(FakeEthtoolDevices.WithVethPairs(), live: true)
        .Test(JObject.Parse($$"""{"name": "v0", "features": {"gro": true}, "persist": "{{persist}}"}"""), new OperationContext(_messages.Add, "testhost"));

    [Theory]
    [InlineData("NetworkManager")]
    [InlineData("Netplan")]
    [InlineData("Auto")]
    public void OnlyTheLinkDirectoryRedirected_AStoreThatWouldReadTheHostsOtherConfiguration_IsRefusedNamingBothVariables(string persist)
    {
        Redirect(Path.Combine(_dir, "links"), root: null);

        var test = () => Test(persist);

        test.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && !e.Message.Contains('\n')
            && e.Message.Contains($"persist {persist}") && e.Message.Contains("DSCOFFLOAD_SYSTEMD_NETWORK_DIR") && e.Message.Contains("DSCOFFLOAD_NETWORK_CONFIG_ROOT"));
        Directory.Exists(Path.Combine(_dir, "links")).Should().BeFalse();
    }

    [Fact]
    public void OnlyTheLinkDirectoryRedirected_PersistSystemdLink_StillRunsInThatDirectory()
    {
        Redirect(Path.Combine(_dir, "links"), root: null);

        Test("SystemdLink");

        _messages.Should().Contain(m => m.Text.Contains(Path.Combine(_dir, "links", "10-dscoffload-v0.link")));
    }

    [Fact]
    public void OnlyTheConfigurationRootRedirected_TheLinkFilesAreBelowIt()
    {
        Redirect(links: null, _dir);
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "usr/lib/systemd/network")).FullName, "05-early.link"),
            "[Match]\nOriginalName=v0\n\n[Link]\nMTUBytes=1300\n");

        var links = LinuxNetAdapterOffloadResource.LinkFilesFromEnvironment();
        Test("SystemdLink");

        links.Directory.Should().Be(Path.Combine(_dir, "etc/systemd/network"));
        links.SearchPath.Directories.Should().OnlyContain(d => d.StartsWith(_dir + "/", StringComparison.Ordinal));
        _messages.Should().Contain(m => m.Text.Contains(Path.Combine(_dir, "usr/lib/systemd/network/05-early.link")));
    }
}
