using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Linux.Tests.Resources;
using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Persistence;

/// <summary>
/// <c>persist: Netplan</c> through a reboot-equivalent: the set writes its file into a temporary root, the rendered
/// output is thrown away and rendered again by the real <c>netplan generate --root-dir</c> (as netplan's generator does
/// at boot), and then, in a private mount and network namespace (<c>unshare</c>) whose <c>/run/systemd/network</c> holds
/// only that output, a fresh veth <c>v0</c> appears and <c>udevadm test-builtin net_setup_link</c> applies the
/// <c>.link</c> file systemd selects. The host's own directories and devices are never touched.
/// </summary>
public sealed class NetplanRebootTests : IDisposable
{
    private const string SiteFile = """
        network:
          version: 2
          ethernets:
            uplink:
              match:
                name: v0
              mtu: 1400
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-netplan-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PrivilegedFact("netplan")]
    public void AfterSetAndReboot_TheDeviceHasTheDesiredOffloads_AndKeepsTheUsersMtu()
    {
        var site = Path.Combine(_root, "etc/netplan/50-site.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(site)!);
        File.WriteAllText(site, SiteFile);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(site, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var before = Reboot();

        new ResourceHarness(FakeEthtoolDevices.WithVethPairs(),
                netplan: new NetplanPersistence(_root, new OtherNetworkStacks(_root), NetplanGenerator.Find()))
            .Set("""{"name": "v0", "features": {"tx": false, "gro": true}, "persist": "Netplan"}""");
        var after = Reboot();

        before.Should().Contain("tx-checksumming: on").And.Contain("mtu 1400");
        after.Should().Contain("ID_NET_LINK_FILE=/run/systemd/network/10-netplan-uplink.link")
            .And.Contain("mtu 1400").And.Contain("tx-checksumming: off").And.Contain("generic-receive-offload: on");
    }

    // Renders the netplan files again from scratch, then lets udevd's builtin apply them to a new veth v0.
    private string Reboot()
    {
        var run = Path.Combine(_root, "run");
        if (Directory.Exists(run))
        {
            Directory.Delete(run, recursive: true);
        }

        ExternalProgram.Run("netplan", "generate", "--root-dir", _root);
        const string Script = """
            set -e
            mount --make-rprivate /
            mount -t sysfs sysfs /sys
            for d in /etc/systemd/network /run/systemd/network /usr/local/lib/systemd/network /usr/lib/systemd/network; do
              mkdir -p "$d" 2>/dev/null || continue
              mount -t tmpfs tmpfs "$d"
            done
            cp -a "$1"/run/systemd/network/. /run/systemd/network/
            ip link add v0 type veth peer name v1
            udevadm test-builtin net_setup_link /sys/class/net/v0 2>&1 | grep -E '^ID_NET_LINK_FILE=' || true
            ip -d link show v0
            ethtool -k v0
            """;
        return ExternalProgram.Run("unshare", "--mount", "--net", "bash", "-c", Script, "netplan-reboot-test", _root);
    }
}
