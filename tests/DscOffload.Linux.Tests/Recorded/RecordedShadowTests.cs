using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Recorded;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Linux.Tests.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Recorded;

/// <summary>
/// Shadow and override detection on recorded hosts: a temporary root laid out like a host is tested live, recorded the
/// way <c>dscoffload snapshot</c> records it, and the recording tested again; both must give the same verdict.
/// </summary>
public sealed class RecordedShadowTests : IDisposable
{
    private const string GroOff = """{"name": "eth0", "features": {"gro": false}, "persist": "SystemdLink"}""";
    private const string Address = "52:54:00:12:34:56";

    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private void WriteShadowingSources()
    {
        Write("etc/systemd/network/05-site.link", "# site default\n[Match]\nPermanentMACAddress=52:54:00:12:34:56\n[Link]\nMTUBytes=9000\n");
        Write("etc/NetworkManager/system-connections/wired.nmconnection",
            "[connection]\nid=wired\ninterface-name=eth0\n\n[wifi-security]\npsk=hunter2\n\n[ethtool]\nfeature-gro=true\n");
        Write("etc/network/interfaces", "auto eth0\niface eth0 inet dhcp\n    post-up ethtool -K eth0 gro on\n");
    }

    // The live side: the same temporary root read from the file system, as DSCOFFLOAD_NETWORK_CONFIG_ROOT makes a live host read it.
    private ResourceHarness LiveOverRoot() => new(FakeEthtoolDevices.WithNic(),
        new SystemdLinkFile(Path.Combine(_root, "etc/systemd/network"), [.. SystemdLinkSearchPath.SystemDirectories.Skip(1).Select(d => Path.Combine(_root, d.TrimStart('/')))]),
        new OtherNetworkStacks(_root));

    // What `dscoffload snapshot` writes for that host: the exported instances and the recorded configuration of the root.
    private static JObject Snapshot(ResourceHarness live, JObject? networkConfiguration)
    {
        var resources = new JArray();
        foreach (var state in ((IExportableResource)live.Resource).Export([], new OperationContext(_ => { }, "web")))
        {
            var name = state["_name"]!.Value<string>();
            state.Remove("_name");
            resources.Add(new JObject { ["type"] = LinuxNetAdapterOffloadDescriptor.TypeName, ["name"] = name, ["properties"] = state });
        }

        var metadata = new JObject { ["host"] = "web", ["os"] = "linux" };
        if (networkConfiguration is not null)
        {
            metadata[RecordedNetworkConfigFiles.SectionName] = networkConfiguration;
        }

        return new JObject { ["metadata"] = new JObject { ["DscOffload"] = metadata }, ["resources"] = resources };
    }

    private JObject RecordRoot() => NetworkConfigRecorder.Record(_root, [new LinkDeviceFacts("eth0", Address, null, null)]);

    private static (TestOutcome Test, List<ResourceMessage> Messages) TestRecorded(JObject snapshot, string desired = GroOff)
    {
        var messages = new List<ResourceMessage>();
        var resource = (ITestableResource)new LinuxNetAdapterOffloadProvider().CreateRecorded(RecordedHost.FromDocument(snapshot, "web.dsc.json"));
        return (resource.Test(JObject.Parse(desired), new OperationContext(messages.Add, "web")), messages);
    }

    // The warnings, with a live root's prefix taken off its paths so that they read as the recorded host's.
    private static string[] Warnings(IEnumerable<ResourceMessage> messages, string? root = null) =>
        [.. messages.Where(m => m.Level == MessageLevel.Warning).Select(m => root is null ? m.Text : m.Text.Replace(root, "", StringComparison.Ordinal))];

    [Fact]
    public void RecordedTest_ReportsEachShadowingSourceWithTheRecordedFileAndLine_PersistedFalse()
    {
        WriteShadowingSources();
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");

        var (test, messages) = TestRecorded(Snapshot(live, RecordRoot()));

        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal("persist");
        ResourceHarness.Entry(test.ActualState, "eth0")["persisted"]!.Value<bool>().Should().BeFalse();
        Warnings(messages).Should().BeEquivalentTo(
            "'eth0': /etc/systemd/network/05-site.link:3: matches 'eth0' and sorts before 10-dscoffload-eth0.link, so udevd applies it instead",
            "'eth0': /etc/NetworkManager/system-connections/wired.nmconnection:9: NetworkManager profile sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off",
            "'eth0': /etc/network/interfaces:3: ifupdown sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off");
    }

    [Fact]
    public void LiveAndRecordedVerdicts_OverTheSameFiles_AreTheSame()
    {
        WriteShadowingSources();
        Write("usr/lib/systemd/network/03-vendor.link", "[Match]\nOriginalName=eth*\n[Link]\nMTUBytes=1400\n");
        File.CreateSymbolicLink(Path.Combine(_root, "etc/systemd/network/03-vendor.link"), "/dev/null");
        Write("etc/netplan/50-cloud-init.yaml", "network:\n  ethernets:\n    eth0:\n      generic-receive-offload: true\n");
        Write("etc/udev/rules.d/70-offload.rules", "ACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"eth0\", RUN+=\"/usr/sbin/ethtool -K %k gro on\"\n");
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");

        var liveTest = live.Test(GroOff);
        var (recordedTest, recordedMessages) = TestRecorded(Snapshot(live, RecordRoot()));

        recordedTest.InDesiredState.Should().Be(liveTest.InDesiredState).And.BeFalse();
        recordedTest.DifferingProperties.Should().Equal(liveTest.DifferingProperties);
        ResourceHarness.Entry(recordedTest.ActualState, "eth0")["persisted"]!.Value<bool>().Should().BeFalse();
        Warnings(recordedMessages).Should().Equal(Warnings(live.Messages, _root)).And.HaveCount(5)
            .And.NotContain(w => w.Contains("03-vendor"), "the vendor file is masked by a link to /dev/null in both");
    }

    [Fact]
    public void RecordedTest_WithoutSources_IsInDesiredState_AndPersistedIsTrue()
    {
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}, "persist": "SystemdLink"}""");

        var (test, messages) = TestRecorded(Snapshot(live, RecordRoot()));

        test.InDesiredState.Should().BeTrue(string.Join("\n", messages.Select(m => m.Text)));
        ResourceHarness.Entry(test.ActualState, "eth0")["persisted"]!.Value<bool>().Should().BeTrue();
    }

    [Fact]
    public void RecordingWithoutTheSection_SaysSoAndLeavesPersistedUnknown()
    {
        WriteShadowingSources();
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");

        var (test, messages) = TestRecorded(Snapshot(live, networkConfiguration: null));

        test.InDesiredState.Should().BeTrue("persistence is not compared without the recorded sources");
        ResourceHarness.Entry(test.ActualState, "eth0")["persisted"]!.Type.Should().Be(JTokenType.Null);
        messages.Should().ContainSingle(m => m.Level == MessageLevel.Information && m.Text.Contains("'eth0': the recording does not carry persisted sources"));
        messages.Should().NotContain(m => m.Level == MessageLevel.Warning);
    }

    [Fact]
    public void SetAgainstARecording_IsRefused_AndWritesNothing()
    {
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");
        var resource = (ISettableResource)new LinuxNetAdapterOffloadProvider().CreateRecorded(RecordedHost.FromDocument(Snapshot(live, RecordRoot()), "web.dsc.json"));

        var set = () => resource.Set(JObject.Parse(GroOff), new OperationContext(_ => { }, "web"));

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains("recorded host"));
        File.Exists("/etc/systemd/network/10-dscoffload-eth0.link").Should().BeFalse();
        File.Exists(Path.Combine(_root, "etc/systemd/network/10-dscoffload-eth0.link")).Should().BeFalse();
    }

    [Fact]
    public void PersistNetworkManager_OnARecording_ComparesTheRecordedProfileLikeTheLiveHost()
    {
        const string Desired = """{"name": "eth0", "features": {"gro": false}, "persist": "NetworkManager"}""";
        WriteShadowingSources();
        var live = new ResourceHarness(FakeEthtoolDevices.WithNic(), otherStacks: new OtherNetworkStacks(_root),
            networkManager: new NetworkManagerPersistence(_root, new OtherNetworkStacks(_root), new RecordingNetworkManager(running: true)));
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");

        var liveTest = live.Test(Desired);
        var (recordedTest, messages) = TestRecorded(Snapshot(live, RecordRoot()), Desired);

        recordedTest.InDesiredState.Should().Be(liveTest.InDesiredState).And.BeFalse();
        ResourceHarness.Entry(recordedTest.ActualState, "eth0")["persisted"]!.Value<bool>().Should().BeFalse();
        Warnings(messages).Should().Equal(Warnings(live.Messages, _root)).And.ContainSingle()
            .Which.Should().Be("'eth0': /etc/network/interfaces:3: ifupdown sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off");
        messages.Should().Contain(m => m.Text == "'eth0': /etc/NetworkManager/system-connections/wired.nmconnection is not up to date (feature-gro=false)");
    }

    [Fact]
    public void PersistNetworkManager_SetAgainstARecording_IsRefused()
    {
        Write("etc/NetworkManager/system-connections/wired.nmconnection", "[connection]\nid=wired\ninterface-name=eth0\n");
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");
        var resource = (ISettableResource)new LinuxNetAdapterOffloadProvider().CreateRecorded(RecordedHost.FromDocument(Snapshot(live, RecordRoot()), "web.dsc.json"));

        var set = () => resource.Set(JObject.Parse("""{"name": "eth0", "features": {"gro": false}, "persist": "NetworkManager"}"""), new OperationContext(_ => { }, "web"));

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains("recorded host"));
    }

    [Fact]
    public void PersistAuto_OnARecording_IsCheckedButNotCompared()
    {
        WriteShadowingSources();
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");

        var (test, messages) = TestRecorded(Snapshot(live, RecordRoot()), """{"name": "eth0", "features": {"gro": false}, "persist": "Auto"}""");

        ResourceHarness.Entry(test.ActualState, "eth0")["persisted"]!.Type.Should().Be(JTokenType.Null);
        messages.Should().ContainSingle(m => m.Level == MessageLevel.Information && m.Text.Contains("is known only on the live host, so persist Auto is not compared"));
    }

    [Fact]
    public void Recording_ReadsAnAliasDirectoryOnce()
    {
        Write("usr/lib/systemd/network/99-default.link", "[Match]\nOriginalName=*\n[Link]\nNamePolicy=kernel\n");
        Directory.CreateSymbolicLink(Path.Combine(_root, "lib"), "usr/lib");

        var paths = RecordRoot()["files"]!.Select(f => f["path"]!.Value<string>()).ToList();

        paths.Should().Equal("/usr/lib/systemd/network/99-default.link");
    }

    [Fact]
    public void Recording_KeepsSecretsOnTheHost_AndLineNumbersTrue()
    {
        WriteShadowingSources();
        Write("etc/netplan/60-wifi.yaml", "network:\n  wifis:\n    wlan0:\n      access-points:\n        home:\n          password: \"hunter2\"\n");

        var recorded = RecordRoot().ToString();

        recorded.Should().NotContain("hunter2").And.Contain("psk=<redacted>").And.Contain("password: <redacted>");
        NetworkConfigRecorder.Redact("[ethtool]\nfeature-gro=true\n# psk=commented\n").Should().Be("[ethtool]\nfeature-gro=true\n# psk=commented\n");
    }

    [Fact]
    public void Recording_ListsAFileOverTheLimitAsSkipped_AndTheRecordedTestWarnsOfIt()
    {
        Write("etc/systemd/network/04-huge.link", "[Match]\nOriginalName=eth0\n" + new string('#', NetworkConfigRecorder.MaxFileBytes));
        var live = LiveOverRoot();
        live.Set("""{"name": "eth0", "features": {"gro": false}}""");

        var section = RecordRoot();
        var (_, messages) = TestRecorded(Snapshot(live, section));

        section["files"]!.Should().ContainSingle(f => f["path"]!.Value<string>() == "/etc/systemd/network/04-huge.link")
            .Which["skipped"]!.Value<string>().Should().StartWith($"larger than {NetworkConfigRecorder.MaxFileBytes} bytes");
        messages.Should().Contain(m => m.Level == MessageLevel.Warning && m.Text.Contains("the recording left out /etc/systemd/network/04-huge.link"));
    }

    [Theory]
    [InlineData("""{"version": 2, "files": []}""", "\"version\": 1")]
    [InlineData("""{"version": 99999999999, "files": []}""", "\"version\": 1")]
    [InlineData("""{"version": 1, "files": [{"path": "etc/x.link", "text": ""}]}""", "absolute 'path'")]
    [InlineData("""{"version": 1, "files": [{"path": "/etc/x.link"}]}""", "needs 'text', 'masked': true or 'skipped'")]
    [InlineData("""{"version": 1, "devices": {"eth0": "52:54:00:12:34:56"}}""", "facts of device 'eth0' must be an object")]
    public void MalformedSection_IsAClearInvalidInputError(string section, string says)
    {
        var snapshot = JObject.Parse("""{"metadata": {"DscOffload": {}}, "resources": []}""");
        snapshot["metadata"]!["DscOffload"]![RecordedNetworkConfigFiles.SectionName] = JToken.Parse(section);

        var read = () => new LinuxNetAdapterOffloadProvider().CreateRecorded(RecordedHost.FromDocument(snapshot, "web.dsc.json"));

        read.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains(says));
    }
}
