using DscOffload.Linux.Persistence;

namespace DscOffload.Linux.Tests.Persistence;

/// <summary>The other network tools' configuration, read from a temporary root laid out like a host.</summary>
public sealed class OtherNetworkStacksTests : IDisposable
{
    private static readonly LinkDeviceFacts Device = new("eth0", "52:54:00:12:34:56", "52:54:00:12:34:56", null);
    private static readonly Dictionary<string, bool> GroOffTsoOn = new()
    {
        ["rx-gro"] = false, ["tx-tcp-segmentation"] = true, ["tx-tcp6-segmentation"] = true,
    };

    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private IReadOnlyList<string> Findings() =>
        [.. new OtherNetworkStacks(_root).Contradicting(Device, GroOffTsoOn).Select(f => f.ToString().Replace(_root + "/", "", StringComparison.Ordinal))];

    [Fact]
    public void NetworkManagerProfile_BoundByNameOrAddress_IsReportedWithItsLine()
    {
        Write("etc/NetworkManager/system-connections/wired.nmconnection",
            "[connection]\nid=wired\ntype=ethernet\ninterface-name=eth0\n\n[ethtool]\nfeature-gro=true\nfeature-rx=false\n");
        Write("etc/NetworkManager/system-connections/by-mac.nmconnection",
            "[connection]\nid=by-mac\n[ethernet]\nmac-address=52:54:00:12:34:56\n[ethtool]\nfeature-tso=false\n");
        Write("etc/NetworkManager/system-connections/other.nmconnection",
            "[connection]\ninterface-name=eth1\n[ethtool]\nfeature-gro=true\n");

        Findings().Should().BeEquivalentTo(
            "etc/NetworkManager/system-connections/wired.nmconnection:7: NetworkManager profile sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off",
            "etc/NetworkManager/system-connections/by-mac.nmconnection:6: NetworkManager profile sets tso off for 'eth0' and re-applies it after the .link file, against the desired tx-tcp-segmentation=on, tx-tcp6-segmentation=on");
    }

    [Fact]
    public void NetplanOffloadKeys_OfTheEntryForTheDevice_AreReportedWithTheirLine()
    {
        Write("etc/netplan/50-cloud-init.yaml", """
            network:
              version: 2
              ethernets:
                eth1:
                  generic-receive-offload: true
                uplink:
                  match:
                    macaddress: "52:54:00:12:34:56"
                  set-name: eth0
                  generic-receive-offload: true   # re-enabled
                  large-receive-offload: false
                  tcp-segmentation-offload: false
            """);

        Findings().Should().Equal(
            "etc/netplan/50-cloud-init.yaml:10: netplan sets rx-gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off",
            "etc/netplan/50-cloud-init.yaml:12: netplan sets tx-tcp-segmentation off for 'eth0' and re-applies it after the .link file, against the desired tx-tcp-segmentation=on");
    }

    [Fact]
    public void IfupdownOffloadAndEthtoolLines_InTheDevicesStanza_AreReported()
    {
        Write("etc/network/interfaces", "auto eth1\niface eth1 inet dhcp\n    offload-gro on\n\nauto eth0\niface eth0 inet dhcp\n    offload-gro on\n    post-up /sbin/ethtool -K $IFACE tso off gro off\n");

        Findings().Should().Equal(
            "etc/network/interfaces:7: ifupdown sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off",
            "etc/network/interfaces:8: ifupdown sets tso off for 'eth0' and re-applies it after the .link file, against the desired tx-tcp-segmentation=on, tx-tcp6-segmentation=on");
    }

    [Fact]
    public void UdevRulesRunningEthtool_ForTheDevice_AreReported_AndAHiddenFileIsNot()
    {
        Write("etc/udev/rules.d/70-offload.rules",
            "# keep GRO on\nACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"eth*\", RUN+=\"/usr/sbin/ethtool -K %k gro on\"\n" +
            "ACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"wl*\", RUN+=\"/usr/sbin/ethtool -K %k tso off\"\n");
        Write("usr/lib/udev/rules.d/70-offload.rules", "ACTION==\"add\", RUN+=\"/usr/sbin/ethtool -K eth0 tso off\"\n");

        Findings().Should().Equal(
            "etc/udev/rules.d/70-offload.rules:2: udev rule sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off");
    }

    [Fact]
    public void SettingsThatAgreeWithTheDesiredState_AreNotContradictions()
    {
        Write("etc/NetworkManager/system-connections/wired.nmconnection", "[connection]\ninterface-name=eth0\n[ethtool]\nfeature-gro=false\nfeature-sg=false\n");

        new OtherNetworkStacks(_root).Find(Device).Should().HaveCount(2);
        Findings().Should().BeEmpty();
    }
}
