using DscOffload.Core.Diagnostics;
using DscOffload.Core.Safety;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Linux.Tests.Privileged;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// What a rollback runs after putting back the files of <c>persist: Netplan</c> and <c>NetworkManager</c>, through the
/// directories the Linux resource declares: the real <c>netplan generate --root-dir</c> (where installed) renders the
/// restored netplan files again, and NetworkManager (here the <see cref="INetworkManagerControl"/> seam) re-reads the
/// restored profiles.
/// </summary>
public sealed class RollbackFollowUpTests : IDisposable
{
    private const string SiteFile = "network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    uplink:\n      match:\n        name: v0\n      mtu: 1400\n";

    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-rollback-").FullName;
    private readonly RecordingNetworkManager _networkManager = new(running: true);
    private readonly List<string> _told = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Rendered => Path.Combine(_root, "run/systemd/network/10-netplan-uplink.link");

    private IReadOnlyList<RestorableFileDirectory> Directories(Func<NetplanGenerator?> netplan) =>
        LinuxNetAdapterOffloadResource.RestorableDirectories(new PersistenceLocations(null, _root, []), netplan, _networkManager);

    private static RestorableFileDirectory Of(IReadOnlyList<RestorableFileDirectory> directories, string name) =>
        directories.Single(d => d.Path.EndsWith(name, StringComparison.Ordinal));

    [NetplanFact]
    public void AfterOurNetplanFileIsDeletedByARollback_NetplanGenerateRendersTheLinkFileWithoutOurKeys()
    {
        var site = Path.Combine(_root, "etc/netplan/50-site.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(site)!);
        File.WriteAllText(site, SiteFile);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(site, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), otherStacks: null,
            netplan: new NetplanPersistence(_root, new OtherNetworkStacks(_root), NetplanGenerator.Find(), NetplanPersistence.LinkSearchPathBelow(_root)));
        host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "Netplan"}""");
        File.ReadAllText(Rendered).Should().Contain("GenericReceiveOffload=true");
        var ours = Path.Combine(_root, "etc/netplan/90-dscoffload-v0.yaml");
        File.Delete(ours);

        Of(Directories(NetplanGenerator.Find), "etc/netplan").AfterRestore!([ours], _told.Add);

        File.ReadAllText(Rendered).Should().Contain("MTUBytes=1400").And.NotContain("GenericReceiveOffload");
        _told.Should().ContainSingle().Which.Should().Contain("netplan generate rendered").And.Contain(ours);
    }

    [Fact]
    public void WhenNetplanGenerateFails_TheFollowUpFailsNamingTheFile()
    {
        var ours = Path.Combine(_root, "etc/netplan/90-dscoffload-v0.yaml");

        var act = () => Of(Directories(() => new NetplanGenerator("/nonexistent/netplan")), "etc/netplan").AfterRestore!([ours], _told.Add);

        act.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains(ours) && e.Message.Contains("restored, but"));
    }

    [Fact]
    public void WhereNetplanIsNotInstalled_TheFollowUpSaysTheFilesAreRenderedAtTheNextBoot()
    {
        Of(Directories(() => null), "etc/netplan").AfterRestore!([Path.Combine(_root, "etc/netplan/90-dscoffload-v0.yaml")], _told.Add);

        _told.Should().ContainSingle().Which.Should().Contain("next boot");
    }

    [Fact]
    public void AfterProfilesAreRestored_TheRunningNetworkManagerReReadsEachWithoutReapplying()
    {
        var first = Path.Combine(_root, "etc/NetworkManager/system-connections/uplink.nmconnection");
        var second = Path.Combine(_root, "etc/NetworkManager/system-connections/backup.nmconnection");

        Of(Directories(() => null), "etc/NetworkManager/system-connections").AfterRestore!([first, second], _told.Add);

        _networkManager.Calls.Should().Equal($"load {first}", $"load {second}");
        _told.Should().HaveCount(2).And.OnlyContain(t => t.Contains("re-read the restored"));
    }

    [Fact]
    public void WhereNetworkManagerDoesNotRun_TheFollowUpSaysItReadsTheProfilesWhenItStarts()
    {
        var stopped = new RecordingNetworkManager(running: false);
        var directory = LinuxNetAdapterOffloadResource.RestorableDirectories(new PersistenceLocations(null, _root, []), () => null, stopped)
            .Single(d => d.Path.EndsWith("system-connections", StringComparison.Ordinal));

        directory.AfterRestore!([Path.Combine(_root, "etc/NetworkManager/system-connections/uplink.nmconnection")], _told.Add);

        stopped.Calls.Should().BeEmpty();
        _told.Should().ContainSingle().Which.Should().Contain("when it starts");
    }
}
