using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Linux.Tests.Resources;
using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Persistence;

/// <summary>
/// systemd itself decides which <c>.link</c> file applies: each test starts a private mount and network namespace
/// (<c>unshare</c>), puts empty file systems over systemd's <c>.link</c> directories there, copies in the files the
/// test wrote to temporary directories, creates a veth device and runs <c>udevadm test-builtin net_setup_link</c>,
/// which applies the selected file to the device. The host's own directories and devices are never touched.
/// </summary>
public sealed class UdevLinkSelectionTests : IDisposable
{
    private const string GroOff = """{"name": "v0", "features": {"gro": false}, "persist": "SystemdLink"}""";

    private readonly string _etc = Directory.CreateTempSubdirectory("dscoffload-etc-").FullName;
    private readonly string _usrLib = Directory.CreateTempSubdirectory("dscoffload-usrlib-").FullName;

    public void Dispose()
    {
        Directory.Delete(_etc, recursive: true);
        Directory.Delete(_usrLib, recursive: true);
    }

    [PrivilegedFact("udevadm")]
    public void OurFile_WinsOverTheFileThatAppliedBefore_AndTheDeviceStillGetsItsSettings()
    {
        File.WriteAllText(Path.Combine(_usrLib, "50-site.link"), "[Match]\nOriginalName=v0\n\n[Link]\nMTUBytes=1400\nAlias=site-uplink\n");
        File.WriteAllText(Path.Combine(_usrLib, "99-default.link"), "[Match]\nOriginalName=*\n\n[Link]\nNamePolicy=keep kernel\n");
        var before = Apply();

        new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(_etc, [_usrLib])).Set(GroOff);
        var after = Apply();

        before.Should().Contain("ID_NET_LINK_FILE=/usr/lib/systemd/network/50-site.link").And.Contain("mtu 1400").And.Contain("alias site-uplink");
        after.Should().Contain("ID_NET_LINK_FILE=/etc/systemd/network/10-dscoffload-v0.link").And.Contain("mtu 1400").And.Contain("alias site-uplink");
    }

    [PrivilegedFact("udevadm")]
    public void OurMatcher_PicksTheSameFileAsUdevd()
    {
        File.WriteAllText(Path.Combine(_usrLib, "05-not-this.link"), "[Match]\nOriginalName=!v0\n[Link]\nMTUBytes=1300\n");
        File.WriteAllText(Path.Combine(_usrLib, "07-no-match-keys.link"), "[Link]\nMTUBytes=1301\n");
        File.WriteAllText(Path.Combine(_usrLib, "20-glob.link"), "[Match]\nOriginalName=v[0-3] x*\n[Link]\nMTUBytes=1302\n");
        File.WriteAllText(Path.Combine(_usrLib, "30-later.link"), "[Match]\nOriginalName=v0\n[Link]\nMTUBytes=1303\n");
        var device = new LinkDeviceFacts("v0", null, null, null);

        var ours = OtherLinkFiles.Find(new SystemdLinkSearchPath([_etc, _usrLib]), "00-none.link", device);
        var udev = Apply();

        ours.Shadows.Should().BeEmpty();
        ours.Predecessor!.Value.Path.Should().Be(Path.Combine(_usrLib, "20-glob.link"));
        udev.Should().Contain("ID_NET_LINK_FILE=/usr/lib/systemd/network/20-glob.link").And.Contain("mtu 1302");
    }

    [PrivilegedFact("udevadm")]
    public void AnEarlierMatchingFile_IsWhatUdevdApplies_SoOursIsReportedAsShadowed()
    {
        File.WriteAllText(Path.Combine(_usrLib, "05-cloud.link"), "[Match]\nOriginalName=v0\n[Link]\nMTUBytes=1300\n");
        File.WriteAllText(Path.Combine(_etc, "10-dscoffload-v0.link"), "[Match]\nOriginalName=v0\n[Link]\nGenericReceiveOffload=false\n");
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(_etc, [_usrLib]));

        var test = host.Test(GroOff);
        var udev = Apply();

        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.ToString().Should().Be("False");
        udev.Should().Contain("ID_NET_LINK_FILE=/usr/lib/systemd/network/05-cloud.link");
    }

    // Runs udevd's net_setup_link builtin on a fresh veth v0 in private namespaces where /etc/systemd/network and
    // /usr/lib/systemd/network hold copies of the test's directories; returns its output and the device afterwards.
    private string Apply()
    {
        const string Script = """
            set -e
            mount --make-rprivate /
            mount -t sysfs sysfs /sys
            for d in /etc/systemd/network /run/systemd/network /usr/local/lib/systemd/network /usr/lib/systemd/network; do
              mkdir -p "$d" 2>/dev/null || continue
              mount -t tmpfs tmpfs "$d"
            done
            cp -a "$1"/. /etc/systemd/network/
            cp -a "$2"/. /usr/lib/systemd/network/
            ip link add v0 type veth peer name v1
            udevadm test-builtin net_setup_link /sys/class/net/v0 2>&1 | grep -E '^ID_NET_LINK_FILE=|Config file' || true
            ip -d link show v0
            """;
        return ExternalProgram.Run("unshare", "--mount", "--net", "bash", "-c", Script, "udev-link-test", _etc, _usrLib);
    }
}
