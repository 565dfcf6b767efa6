using DscOffload.Core.Diagnostics;
using DscOffload.Core.Safety;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary><c>persist: NetworkManager</c> and <c>Auto</c> through the real resource, over keyfiles in a temporary root.</summary>
public sealed class NetworkManagerPersistTests : IDisposable
{
    private const string Profile =
        "# uplink, written by hand\n[connection]\nid=uplink\nuuid=0b6c4f3e-2a7d-4a53-9d1e-1f2a3b4c5d6e\ntype=ethernet\ninterface-name=v0\n\n" +
        "[ethernet]\nmtu=1400\n\n[ethtool]\nfeature-lro=false\n\n[ipv4]\nmethod=disabled\n";

    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-nm-").FullName;
    private readonly RecordingNetworkManager _networkManager = new(running: true);
    private readonly ResourceHarness _host;

    public NetworkManagerPersistTests()
    {
        Directory.CreateDirectory(Connections);
        var stacks = new OtherNetworkStacks(_root);
        _host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(Path.Combine(_root, "link")), stacks,
            new NetworkManagerPersistence(_root, stacks, _networkManager));
    }

    private string Connections => Path.Combine(_root, "etc/NetworkManager/system-connections");

    private string V0Profile => Path.Combine(Connections, "uplink.nmconnection");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteProfile(string text = Profile)
    {
        File.WriteAllText(V0Profile, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(V0Profile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void Set_AddsOnlyTheFeatureKeysToTheBoundProfile_KeepingEveryOtherByteAndItsMode()
    {
        WriteProfile();

        var outcome = _host.Set("""{"name": "v0", "features": {"gro": true, "tx-tcp-segmentation": false, "tx-tcp6-segmentation": false}, "persist": "NetworkManager"}""");

        outcome.ChangedProperties.Should().Equal("features", "persist");
        File.ReadAllText(V0Profile).Should().Be(Profile.Replace("feature-lro=false\n",
            "feature-lro=false\nfeature-gro=true\nfeature-tx-tcp-segmentation=false\nfeature-tx-tcp6-segmentation=false\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(V0Profile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        ResourceHarness.Entry(outcome.AfterState, "v0")["persisted"]!.Value<bool>().Should().BeTrue();
        _host.Test("""{"name": "v0", "features": {"gro": true, "tx-tcp-segmentation": false, "tx-tcp6-segmentation": false}, "persist": "NetworkManager"}""")
            .InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Set_WhereNetworkManagerRuns_MakesItRereadTheProfileAndReapplyIt()
    {
        WriteProfile();

        _host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "NetworkManager"}""");

        _networkManager.Calls.Should().Equal($"load {V0Profile}", "reapply v0");
        _host.Messages.Should().Contain(m => m.Text.Contains("re-read and re-applied"));
    }

    [Fact]
    public void Set_WhenNetworkManagerCannotReapplyEthtool_SaysSoWithoutReactivating()
    {
        WriteProfile();
        _networkManager.ReapplyRefusal = "Can't reapply any changes to 'ethtool' setting";

        var outcome = _host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "NetworkManager"}""");

        outcome.ChangedProperties.Should().Contain("persist");
        _host.Messages.Should().Contain(m => m.Text.Contains("did not re-apply it") && m.Text.Contains("next activation"));
    }

    [Fact]
    public void Set_WhereNetworkManagerDoesNotRun_EditsTheKeyfileAndSaysSo()
    {
        WriteProfile();
        var stopped = new RecordingNetworkManager(running: false);
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), null, null, new NetworkManagerPersistence(_root, null, stopped));

        host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "NetworkManager"}""");

        File.ReadAllText(V0Profile).Should().Contain("feature-gro=true");
        stopped.Calls.Should().BeEmpty();
        host.Messages.Should().Contain(m => m.Text.Contains("NetworkManager is not running"));
    }

    [Fact]
    public void Set_KeyAlreadySayingTheSameInItsOwnWords_IsLeftAsWritten()
    {
        WriteProfile(Profile.Replace("feature-lro=false", "feature-gro=off", StringComparison.Ordinal));

        var outcome = _host.Set("""{"name": "v0", "features": {"gro": false}, "persist": "NetworkManager"}""");

        outcome.ChangedProperties.Should().BeEmpty();
        File.ReadAllText(V0Profile).Should().Contain("feature-gro=off");
        _networkManager.Calls.Should().BeEmpty();
    }

    [Fact]
    public void WithoutABoundProfile_TestIsNotInDesiredState_AndSetRefusesBeforeAnyChange()
    {
        WriteProfile(Profile.Replace("interface-name=v0", "interface-name=v1", StringComparison.Ordinal));
        var before = _host.DeviceState();

        var test = _host.Test("""{"name": "v0", "features": {"gro": true}, "persist": "NetworkManager"}""");
        var set = () => _host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "NetworkManager"}""");

        test.InDesiredState.Should().BeFalse();
        _host.Messages.Should().Contain(m => m.Text.Contains("no NetworkManager profile is bound to 'v0'"));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains("does not create one"));
        _host.DeviceState().Should().Be(before);
        Directory.GetFiles(Connections).Should().ContainSingle();
    }

    [Theory]
    [InlineData("""{"features": {"tx-tcp-accecn-segmentation": false}}""", "tx-tcp-accecn-segmentation: NetworkManager has no")]
    [InlineData("""{"channels": {"rx": 2}}""", "channels.rx")]
    public void WhatNetworkManagerCannotExpress_IsValidationFailedBeforeAnyChange(string part, string named)
    {
        WriteProfile();
        var desired = JObject.Parse(part);
        desired["name"] = "m0";
        desired["persist"] = "NetworkManager";
        File.WriteAllText(Path.Combine(Connections, "m0.nmconnection"), "[connection]\nid=m0\ninterface-name=m0\n");
        var before = _host.DeviceState();

        var set = () => _host.Set(desired.ToString());

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains(named));
        _host.DeviceState().Should().Be(before);
        File.ReadAllText(Path.Combine(Connections, "m0.nmconnection")).Should().Be("[connection]\nid=m0\ninterface-name=m0\n");
    }

    [Fact]
    public void AShortNameKeyAgainstTheDesiredState_IsRefusedWithItsFileAndLine()
    {
        WriteProfile(Profile.Replace("feature-lro=false", "feature-tso=true", StringComparison.Ordinal));

        var set = () => _host.Set("""{"name": "v0", "features": {"tx-tcp-segmentation": false}, "persist": "NetworkManager"}""");

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains($"{V0Profile}:12: feature-tso=true"));
    }

    [Fact]
    public void FilesSetWillWrite_NamesTheProfile_AndTheJournalAcceptsIt()
    {
        WriteProfile();
        var test = _host.Test("""{"name": "v0", "features": {"gro": true}, "persist": "NetworkManager"}""");

        var files = _host.Resource.FilesSetWillWrite(test);

        files.Should().Equal(V0Profile);
        JournaledFile.Capture(V0Profile).PreviousContent.Should().Be(Profile);
    }

    [Fact]
    public void Auto_WithABoundProfileAndNetworkManagerRunning_PicksNetworkManagerAndSaysSo()
    {
        WriteProfile();

        var outcome = _host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "Auto"}""");

        _host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked NetworkManager"));
        File.ReadAllText(V0Profile).Should().Contain("feature-gro=true");
        File.Exists(Path.Combine(_root, "link", "10-dscoffload-v0.link")).Should().BeFalse();
        ResourceHarness.Entry(outcome.AfterState, "v0")["persisted"]!.Value<bool>().Should().BeTrue();
        _host.Test("""{"name": "v0", "features": {"gro": true}, "persist": "Auto"}""").InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Auto_WhenNetworkManagerDoesNotRun_PicksTheLinkFile()
    {
        WriteProfile();
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(Path.Combine(_root, "link")), null,
            new NetworkManagerPersistence(_root, null, new RecordingNetworkManager(running: false)));

        host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "Auto"}""");

        host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked SystemdLink") && m.Text.Contains("does not run"));
        File.Exists(Path.Combine(_root, "link", "10-dscoffload-v0.link")).Should().BeTrue();
        File.ReadAllText(V0Profile).Should().Be(Profile);
    }

    [Fact]
    public void Auto_ForAnInterfaceNetplanConfigures_PicksTheLinkFileAndSaysWhy()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc/netplan"));
        File.WriteAllText(Path.Combine(_root, "etc/netplan/01-uplink.yaml"), "network:\n  version: 2\n  ethernets:\n    v0:\n      dhcp4: true\n");

        _host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "Auto"}""");

        _host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked SystemdLink") && m.Text.Contains("netplan configures it"));
        File.Exists(Path.Combine(_root, "link", "10-dscoffload-v0.link")).Should().BeTrue();
        _networkManager.Calls.Should().BeEmpty();
    }
}
