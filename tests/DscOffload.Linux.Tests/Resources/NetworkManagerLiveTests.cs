using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Linux.Live;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Privileged;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// <c>persist: NetworkManager</c> against a real NetworkManager (Debian's <c>network-manager</c>) of the test's own
/// (<see cref="PrivateNetworkManager"/>): the profile it loaded is edited, NetworkManager re-reads it, and after the
/// kernel state is undone a re-activation of the profile (what a reboot or reconnect does) brings the desired state back.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NetworkManagerLiveTests
{
    private const string Uuid = "6b2f5b39-6a53-4b1c-8f3e-7c2d0b4a9e11";

    private static string Profile(string interfaceName) =>
        $"# the uplink, written by hand\n[connection]\nid=uplink\nuuid={Uuid}\ntype=ethernet\ninterface-name={interfaceName}\nautoconnect=true\n\n" +
        "[ethernet]\nmtu=1400\n\n[ipv4]\nmethod=disabled\n\n[ipv6]\nmethod=disabled\n";

    [PrivilegedFact(needsProgram: "NetworkManager")]
    public void Set_PersistNetworkManager_SurvivesReactivation_KeepsTheProfile_AndRollbackRestoresItsBytes()
    {
        const string Interface = "nmt0";
        using var networkManager = new PrivateNetworkManager(Interface, new Dictionary<string, string> { ["uplink.nmconnection"] = Profile(Interface) });
        using var devices = LiveEthtoolDevices.OpenInNamespace(networkManager.NamespaceName);
        var stacks = new OtherNetworkStacks(networkManager.Root);
        var linkDirectory = Path.Combine(networkManager.Root, "link");
        var resource = new LinuxNetAdapterOffloadResource(devices, live: true, new SystemdLinkFile(linkDirectory), stacks,
            new NetworkManagerPersistence(networkManager.Root, stacks, new NmcliNetworkManager(networkManager.BusAddress)));
        var desired = $$"""{"name": "{{Interface}}", "features": {"gro": true, "tx-tcp6-segmentation": false}, "persist": "NetworkManager"}""";
        var profilePath = Path.Combine(networkManager.Connections, "uplink.nmconnection");
        var messages = new List<ResourceMessage>();
        var context = new OperationContext(messages.Add, "testhost");
        Active(devices, Interface, "rx-gro").Should().BeFalse("a veth starts with GRO off, so the set has something to change");

        var journaled = resource.FilesSetWillWrite(resource.Test(JObject.Parse(desired), context)).Select(JournaledFile.Capture).ToList();
        var outcome = resource.Set(JObject.Parse(desired), context);

        outcome.ChangedProperties.Should().Contain("persist");
        File.ReadAllText(profilePath).Should().Be(Profile(Interface) + "\n[ethtool]\nfeature-gro=true\nfeature-tx-tcp6-segmentation=false\n");
        File.GetUnixFileMode(profilePath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        networkManager.Nmcli("-g", "ethtool.feature-gro,ethtool.feature-tx-tcp6-segmentation,802-3-ethernet.mtu", "connection", "show", Uuid)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal("on", "off", "1400");

        // What a reboot or reconnect does: the kernel state is lost, and NetworkManager activates the profile again.
        networkManager.Exec("ethtool", "-K", Interface, "gro", "off", "tx-tcp6-segmentation", "on");
        Active(devices, Interface, "rx-gro").Should().BeFalse();
        networkManager.Nmcli("connection", "down", Uuid);
        networkManager.Nmcli("connection", "up", Uuid);

        Active(devices, Interface, "rx-gro").Should().BeTrue();
        Active(devices, Interface, "tx-tcp6-segmentation").Should().BeFalse();
        resource.Test(JObject.Parse(desired), context).InDesiredState.Should().BeTrue();

        journaled.Should().ContainSingle().Which.Path.Should().Be(profilePath);
        journaled[0].Restore();
        File.ReadAllText(profilePath).Should().Be(Profile(Interface));
        File.GetUnixFileMode(profilePath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static bool Active(LiveEthtoolDevices devices, string name, string feature) =>
        devices.GetFeatures(name).Features.Single(f => f.Name == feature).Active;
}
