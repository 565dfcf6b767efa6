using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Linux.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// netplan definitions that match by <c>match: name:</c>: the real <c>netplan generate --root-dir</c> renders
/// <c>OriginalName=&lt;glob&gt;</c> into <c>10-netplan-&lt;id&gt;.link</c>, and with <c>set-name</c> also <c>Name=</c>, so
/// the device then carries a name the glob need not fit. <c>persist: Netplan</c> and the <c>.link</c> first-match logic
/// of <c>persist: SystemdLink</c> take such a file as the one that applies.
/// </summary>
public sealed class NetplanRenameTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-netplan-rename-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Rendered => Path.Combine(_root, "run/systemd/network/10-netplan-uplink.link");

    private string Links => Path.Combine(_root, "etc/systemd/network");

    private static string Site(string match, string? setName) =>
        $"network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    uplink:\n      match:\n        name: \"{match}\"\n" +
        (setName is null ? "" : $"      set-name: {setName}\n") + "      mtu: 1400\n      large-receive-offload: false\n";

    // Writes the site file and renders it with the real netplan, as netplan's generator does at boot.
    private void Generate(string site)
    {
        var path = Path.Combine(_root, "etc/netplan/50-site.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, site);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        NetplanGenerator.Find()!.Generate(_root).Should().BeNull();
    }

    private ResourceHarness LinkHost(FakeEthtoolDevices devices) =>
        new(devices, new SystemdLinkFile(Links, [Path.Combine(_root, "run/systemd/network")]), new OtherNetworkStacks(_root));

    [NetplanFact]
    public void Netplan_ForADefinitionWhoseSetNameIsTheInterface_WritesUnderItsId_AndNetplanRendersTheKeysWithTheRename()
    {
        Generate(Site("x*", "v0"));
        File.ReadAllText(Rendered).Should().Contain("OriginalName=x*").And.Contain("Name=v0");
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), otherStacks: null, netplan: new NetplanPersistence(_root,
            new OtherNetworkStacks(_root), NetplanGenerator.Find(), NetplanPersistence.LinkSearchPathBelow(_root)));

        var outcome = host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "Netplan"}""");

        outcome.AfterState["persist"]!.Value<string>().Should().Be("Netplan");
        File.ReadAllText(Path.Combine(_root, "etc/netplan/90-dscoffload-v0.yaml")).Should().Contain("    uplink:\n      generic-receive-offload: true\n");
        File.ReadAllText(Rendered).Should().Contain("Name=v0").And.Contain("GenericReceiveOffload=true").And.Contain("LargeReceiveOffload=false");
    }

    [NetplanFact]
    public void SystemdLink_WhereNetplansLinkFileRenamedTheDevice_CarriesOverItsNameAndSettings()
    {
        Generate(Site("enp*", "eth0"));
        var host = LinkHost(FakeEthtoolDevices.WithNic());

        host.Set("""{"name": "eth0", "features": {"rx-gro": false}, "persist": "SystemdLink"}""");

        var ours = File.ReadAllText(Path.Combine(Links, "10-dscoffload-eth0.link"));
        ours.Should().Contain("PermanentMACAddress=52:54:00:12:34:56").And.Contain("Name=eth0").And.Contain("MTUBytes=1400")
            .And.Contain("LargeReceiveOffload=false").And.Contain("GenericReceiveOffload=false");
        host.Messages.Should().Contain(m => m.Text.Contains("carries over") && m.Text.Contains(Rendered));
    }

    [NetplanFact]
    public void SystemdLink_ForADeviceWithoutPermanentAddressThatNetplanRenamed_RefusesBeforeAnyChange()
    {
        Generate(Site("x*", "v0"));
        var host = LinkHost(FakeEthtoolDevices.WithVethPairs());
        var kernelBefore = host.DeviceState();

        var set = () => host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""");

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains(Rendered)
            && e.Message.Contains("gives 'v0' its name") && e.Message.Contains("persist Netplan"));
        host.DeviceState().Should().Be(kernelBefore);
        File.Exists(Path.Combine(Links, "10-dscoffload-v0.link")).Should().BeFalse();
    }

    [NetplanFact]
    public void SystemdLink_ForADefinitionMatchingByNameWithoutSetName_TakesNetplansLinkFileAsTheOneThatAppliesToday()
    {
        Generate(Site("v*", setName: null));
        File.ReadAllText(Rendered).Should().Contain("OriginalName=v*").And.NotContain("\nName=");
        var host = LinkHost(FakeEthtoolDevices.WithVethPairs());

        host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""");

        File.ReadAllText(Path.Combine(Links, "10-dscoffload-v0.link")).Should().Contain("OriginalName=v0").And.Contain("MTUBytes=1400")
            .And.Contain("LargeReceiveOffload=false");
    }
}
