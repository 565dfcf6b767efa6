using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Linux.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// netplan definitions rendered for NetworkManager (<c>renderer: NetworkManager</c>): netplan writes the profile into
/// <c>run/NetworkManager/system-connections/netplan-&lt;id&gt;.nmconnection</c> at every generate and the offload keys into
/// its <c>.link</c> file, so <c>persist: Auto</c> picks netplan and <c>persist: NetworkManager</c> refuses that profile.
/// Where netplan is installed, the real <c>netplan generate --root-dir</c> renders the files.
/// </summary>
public sealed class NetplanNetworkManagerRendererTests : IDisposable
{
    private const string Auto = """{"name": "v0", "features": {"gro": true, "tx": false}, "persist": "Auto"}""";

    // The global renderer key is on line 3.
    private const string SiteFile = "network:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n    uplink:\n      match:\n        name: v0\n" +
        "      dhcp4: true\n";

    private const string GeneratedProfile = "[connection]\nid=netplan-uplink\ntype=ethernet\ninterface-name=v0\n\n[ethernet]\nwake-on-lan=0\n\n[ipv4]\nmethod=auto\n";

    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-netplan-nm-").FullName;
    private readonly RecordingNetworkManager _networkManager = new(running: true);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string OurFile => Path.Combine(_root, "etc/netplan/90-dscoffload-v0.yaml");

    private string NetplanProfile => Path.Combine(_root, "run/NetworkManager/system-connections/netplan-uplink.nmconnection");

    private string Links => Path.Combine(_root, "staging-links");

    private ResourceHarness Host(NetplanGenerator? generator)
    {
        var stacks = new OtherNetworkStacks(_root);
        return new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(Links), stacks,
            new NetworkManagerPersistence(_root, stacks, _networkManager),
            new NetplanPersistence(_root, stacks, generator, NetplanPersistence.LinkSearchPathBelow(_root)));
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    [Theory]
    [InlineData(SiteFile, 3)]
    [InlineData("network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    renderer: NetworkManager\n    uplink:\n      match:\n        name: v0\n", 5)]
    [InlineData("network:\n  version: 2\n  ethernets:\n    uplink:\n      renderer: NetworkManager\n      match:\n        name: v0\n", 5)]
    public void Auto_WhereNetplanRendersTheDefinitionForNetworkManager_PicksNetplan_NamingTheRendererKey(string site, int line)
    {
        var path = Write("etc/netplan/50-site.yaml", site);
        Write("run/NetworkManager/system-connections/netplan-uplink.nmconnection", GeneratedProfile);
        var host = Host(new NetplanGenerator("/nonexistent/netplan"));

        host.Test(Auto);

        host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked Netplan") && m.Text.Contains($"renderer: NetworkManager ({path}:{line})"));
    }

    [Fact]
    public void Auto_WhereALaterFileSetsTheGlobalRendererToNetworkd_DoesNotTreatTheDefinitionAsNetworkManagers()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        Write("etc/netplan/60-renderer.yaml", "network:\n  renderer: networkd\n");
        var host = Host(new NetplanGenerator("/nonexistent/netplan"));

        host.Test(Auto);

        host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked Netplan") && m.Text.Contains("netplan is installed"))
            .And.NotContain(m => m.Text.Contains("renderer: NetworkManager"));
    }

    [NetplanFact]
    public void Auto_WithTheProfileNetplanGenerated_SetsThroughNetplan_WhoseLinkFileGetsTheKeys_AndNetworkManagerIsNotTouched()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        NetplanGenerator.Find()!.Generate(_root).Should().BeNull();
        File.Exists(NetplanProfile).Should().BeTrue("netplan renders the definition for NetworkManager");
        var host = Host(NetplanGenerator.Find());

        var outcome = host.Set(Auto);

        outcome.AfterState["persist"]!.Value<string>().Should().Be("Auto");
        File.ReadAllText(OurFile).Should().Contain("generic-receive-offload: true");
        File.ReadAllText(Path.Combine(_root, "run/systemd/network/10-netplan-uplink.link"))
            .Should().Contain("GenericReceiveOffload=true").And.Contain("TransmitChecksumOffload=false");
        File.ReadAllText(NetplanProfile).Should().NotContain("[ethtool]", "netplan 0.106 renders offload keys only into the .link file");
        _networkManager.Calls.Should().BeEmpty();
        Directory.Exists(Links).Should().BeFalse();
        host.Test(Auto).InDesiredState.Should().BeTrue();
    }

    [NetplanFact]
    public void Set_NetworkManager_OnTheProfileNetplanGenerates_RefusesBeforeAnyChange_NamingTheRendererKey()
    {
        var site = Write("etc/netplan/50-site.yaml", SiteFile);
        NetplanGenerator.Find()!.Generate(_root).Should().BeNull();
        var profileBefore = File.ReadAllBytes(NetplanProfile);
        var host = Host(NetplanGenerator.Find());
        var kernelBefore = host.DeviceState();

        var set = () => host.Set("""{"name": "v0", "features": {"gro": true, "tx": false}, "persist": "NetworkManager"}""");

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains(NetplanProfile)
            && e.Message.Contains("netplan generates this profile") && e.Message.Contains($"{site}:3") && e.Message.Contains("persist Netplan"));
        host.DeviceState().Should().Be(kernelBefore);
        File.ReadAllBytes(NetplanProfile).Should().Equal(profileBefore);
        File.Exists(OurFile).Should().BeFalse();
        _networkManager.Calls.Should().BeEmpty();
    }
}
