using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Linux.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// <c>persist: Netplan</c> through the real resource, over a fake kernel, with netplan files in a temporary root laid
/// out like a host; where netplan is installed, the real <c>netplan generate --root-dir</c> renders them.
/// </summary>
public sealed class NetplanPersistTests : IDisposable
{
    private const string GroOnTxOff = """{"name": "v0", "features": {"gro": true, "tx": false}, "persist": "Netplan"}""";

    private const string SiteFile = """
        network:
          version: 2
          renderer: networkd
          ethernets:
            uplink:
              match:
                name: v0
              mtu: 1400
              addresses: [192.0.2.5/24]
              generic-receive-offload: false
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("dscoffload-netplan-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string OurFile => Path.Combine(_root, "etc/netplan/90-dscoffload-v0.yaml");

    private string RenderedLink => Path.Combine(_root, "run/systemd/network/10-netplan-uplink.link");

    private ResourceHarness Host(bool generate = true) => new(FakeEthtoolDevices.WithVethPairs(), otherStacks: null,
        netplan: new NetplanPersistence(_root, new OtherNetworkStacks(_root), generate ? NetplanGenerator.Find() : null, NetplanPersistence.LinkSearchPathBelow(_root)));

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

    [Fact]
    public void Test_KernelMatchesButNoNetplanFile_IsNotInDesiredStateBecauseOfPersist()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var host = Host(generate: false);
        host.Set("""{"name": "v0", "features": {"gro": true, "tx": false}}""");

        var outcome = host.Test(GroOnTxOff);

        outcome.InDesiredState.Should().BeFalse();
        outcome.DifferingProperties.Should().Equal("persist");
        ResourceHarness.Entry(outcome.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains(OurFile) && m.Text.Contains("does not exist"));
    }

    [Fact]
    public void Set_WritesOnlyTheOffloadKeys_UnderTheIdOfTheUsersDefinition_WithMode0600()
    {
        var site = Write("etc/netplan/50-site.yaml", SiteFile);
        var siteBefore = File.ReadAllBytes(site);

        var outcome = Host(generate: false).Set(GroOnTxOff);

        outcome.ChangedProperties.Should().Contain("persist");
        File.ReadAllText(OurFile).Should().EndWith(
            "network:\n  version: 2\n  ethernets:\n    uplink:\n      transmit-checksum-offload: false\n      generic-receive-offload: true\n");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(OurFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.ReadAllBytes(site).Should().Equal(siteBefore);
        ResourceHarness.Entry(Host(generate: false).Test(GroOnTxOff).ActualState, "v0")["persisted"]!.Value<bool>().Should().BeTrue();
    }

    [NetplanFact]
    public void Set_NetplanGenerateRendersOurKeys_AndTheUsersDefinitionKeepsItsSettings()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var host = Host();

        var outcome = host.Set(GroOnTxOff);

        outcome.AfterState["persist"]!.Value<string>().Should().Be("Netplan");
        var link = File.ReadAllText(RenderedLink);
        link.Should().Contain("OriginalName=v0").And.Contain("MTUBytes=1400")
            .And.Contain("GenericReceiveOffload=true").And.Contain("TransmitChecksumOffload=false");
        var network = File.ReadAllText(Path.Combine(_root, "run/systemd/network/10-netplan-uplink.network"));
        network.Should().Contain("Name=v0").And.Contain("Address=192.0.2.5/24").And.Contain("MTUBytes=1400");
        host.Messages.Should().Contain(m => m.Text.Contains("netplan generate rendered") && m.Text.Contains(RenderedLink)
            && m.Text.Contains("GenericReceiveOffload=true"));
    }

    [Fact]
    public void Set_SecondTime_WritesNothing()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var host = Host(generate: false);
        host.Set(GroOnTxOff);
        var earlier = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(OurFile, earlier);

        var outcome = host.Set(GroOnTxOff);

        outcome.ChangedProperties.Should().BeEmpty();
        File.GetLastWriteTimeUtc(OurFile).Should().Be(earlier);
    }

    [Fact]
    public void Test_ALaterNetplanFileContradictingOurKey_IsReportedWithFileAndLine_AndSetRefusesBeforeAnyChange()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var late = Write("etc/netplan/99-late.yaml", "network:\n  ethernets:\n    uplink:\n      generic-receive-offload: false\n");
        var host = Host(generate: false);
        var kernelBefore = host.DeviceState();

        var test = host.Test(GroOnTxOff);
        var set = () => host.Set(GroOnTxOff);

        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains($"{late}:4:") && m.Text.Contains("generic-receive-offload"));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains($"{late}:4"));
        host.DeviceState().Should().Be(kernelBefore);
        File.Exists(OurFile).Should().BeFalse();
    }

    [Fact]
    public void Test_AnEarlierNetplanFileWithTheOtherValue_IsOverriddenByOurs_SoItIsNoShadow()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var host = Host(generate: false);
        host.Set(GroOnTxOff);

        var test = host.Test(GroOnTxOff);

        test.InDesiredState.Should().BeTrue();
        host.Messages.Should().NotContain(m => m.Text.Contains("50-site.yaml"));
    }

    [Fact]
    public void Test_ASameNamedFileInRunNetplan_HidesOurs_AndIsReported()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        Host(generate: false).Set(GroOnTxOff);
        var hiding = Write("run/netplan/90-dscoffload-v0.yaml", "network:\n  version: 2\n");
        var host = Host(generate: false);

        var test = host.Test(GroOnTxOff);

        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains(hiding) && m.Text.Contains("hides it"));
    }

    [Fact]
    public void Set_WithoutANetplanDefinitionForTheInterface_RefusesBeforeAnyChange()
    {
        Write("etc/netplan/50-site.yaml", SiteFile.Replace("name: v0", "name: v1", StringComparison.Ordinal));
        var host = Host(generate: false);
        var kernelBefore = host.DeviceState();

        var set = () => host.Set(GroOnTxOff);

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains("no netplan definition"));
        host.DeviceState().Should().Be(kernelBefore);
        Directory.Exists(Path.Combine(_root, "etc/netplan")).Should().BeTrue();
        File.Exists(OurFile).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"name": "v0", "features": {"sg": false}, "persist": "Netplan"}""", "tx-scatter-gather")]
    [InlineData("""{"name": "v0", "features": {"rx-vlan-hw-parse": false}, "persist": "Netplan"}""", "netplan has no key")]
    [InlineData("""{"name": "v0", "channels": {"rx": 2}, "persist": "Netplan"}""", "queue counts")]
    public void Test_ASettingNetplanCannotExpress_IsAValidationError(string desired, string why)
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var host = Host(generate: false);
        var kernelBefore = host.DeviceState();

        var test = () => host.Test(desired);
        var set = () => host.Set(desired);

        test.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains("persist Netplan") && e.Message.Contains(why));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed);
        host.DeviceState().Should().Be(kernelBefore);
    }

    [Fact]
    public void FilesSetWillWrite_NamesOurNetplanFile_WhichTheJournalAccepts()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var host = Host(generate: false);

        var files = host.Resource.FilesSetWillWrite(host.Test(GroOnTxOff));

        files.Should().Equal(OurFile);
        Core.Safety.JournaledFile.IsRestorableName(Path.GetFileName(OurFile)).Should().BeTrue();
    }

    [Fact]
    public void Test_AnEarlierLinkFileMatchingTheDevice_ShadowsWhatNetplanRenders_AndSetRefuses()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var early = Write("etc/systemd/network/05-early.link", "[Match]\nOriginalName=v0\n\n[Link]\nMTUBytes=1300\n");
        var host = Host(generate: false);

        var test = host.Test(GroOnTxOff);
        var set = () => host.Set(GroOnTxOff);

        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains($"{early}:2:") && m.Text.Contains("10-netplan-uplink.link"));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed);
        File.Exists(OurFile).Should().BeFalse();
    }

    [Fact]
    public void Test_ALinkFileThatNetplansNewLinkFileWouldReplace_IsReportedWithTheSettingsThatWouldBeLost()
    {
        Write("etc/netplan/50-site.yaml", SiteFile.Replace("      mtu: 1400\n", "", StringComparison.Ordinal));
        var defaults = Write("usr/lib/systemd/network/99-default.link", "[Match]\nOriginalName=*\n\n[Link]\nNamePolicy=keep kernel\nMACAddressPolicy=persistent\n");
        var host = Host(generate: false);

        var test = host.Test(GroOnTxOff);

        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains($"{defaults}:5:") && m.Text.Contains("NamePolicy=keep kernel, MACAddressPolicy=persistent"));
    }

    [Fact]
    public void Test_WhenNetplanAlreadyRendersALinkFileForTheDefinition_TheFileAfterItIsNotLostByOurKeys()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        Write("usr/lib/systemd/network/99-default.link", "[Match]\nOriginalName=*\n\n[Link]\nNamePolicy=keep kernel\n");
        Write("run/systemd/network/10-netplan-uplink.link", "[Match]\nOriginalName=v0\n\n[Link]\nMTUBytes=1400\n");
        var host = Host(generate: false);
        host.Set(GroOnTxOff);

        var test = host.Test(GroOnTxOff);

        test.InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Test_OurOwnSystemdLinkFileForTheInterface_WinsOverNetplans_AndIsReported()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var leftover = Write("etc/systemd/network/10-dscoffload-v0.link", "[Match]\nOriginalName=v0\n\n[Link]\nGenericReceiveOffload=false\n");
        var host = Host(generate: false);

        var test = host.Test(GroOnTxOff);

        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains(leftover) && m.Text.Contains("persist SystemdLink"));
    }

    [NetplanFact]
    public void Auto_ForAnInterfaceNetplanConfigures_WhereNetplanIsInstalled_PicksNetplanAndSaysWhy()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var links = Path.Combine(_root, "staging-links");
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(links), new OtherNetworkStacks(_root),
            netplan: new NetplanPersistence(_root, new OtherNetworkStacks(_root), NetplanGenerator.Find(), NetplanPersistence.LinkSearchPathBelow(_root)));
        const string auto = """{"name": "v0", "features": {"gro": true, "tx": false}, "persist": "Auto"}""";

        var outcome = host.Set(auto);

        outcome.AfterState["persist"]!.Value<string>().Should().Be("Auto");
        File.ReadAllText(OurFile).Should().Contain("generic-receive-offload: true");
        File.ReadAllText(RenderedLink).Should().Contain("GenericReceiveOffload=true");
        Directory.Exists(links).Should().BeFalse("no .link file of dscoffload's is written when netplan is picked");
        host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked Netplan") && m.Text.Contains("netplan is installed"));
        host.Test(auto).InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Auto_ForAnInterfaceNetplanConfigures_WhereNetplanIsNotInstalled_PicksTheLinkFileAndSaysWhy()
    {
        Write("etc/netplan/50-site.yaml", SiteFile);
        var links = Path.Combine(_root, "staging-links");
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(links), otherStacks: null,
            netplan: new NetplanPersistence(_root, null, generator: null));

        host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "Auto"}""");

        File.Exists(Path.Combine(links, "10-dscoffload-v0.link")).Should().BeTrue();
        File.Exists(OurFile).Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked SystemdLink") && m.Text.Contains("netplan is not installed"));
    }

    [Fact]
    public void Auto_ForAnInterfaceNoNetplanDefinitionConfigures_PicksTheLinkFile()
    {
        Write("etc/netplan/50-site.yaml", SiteFile.Replace("name: v0", "name: v9", StringComparison.Ordinal));
        var links = Path.Combine(_root, "staging-links");
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(links), otherStacks: null,
            netplan: new NetplanPersistence(_root, null, new NetplanGenerator("/nonexistent/netplan")));

        host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "Auto"}""");

        File.Exists(Path.Combine(links, "10-dscoffload-v0.link")).Should().BeTrue();
        File.Exists(OurFile).Should().BeFalse();
        host.Messages.Should().Contain(m => m.Text.Contains("persist Auto picked SystemdLink") && m.Text.Contains("no NetworkManager profile or netplan definition"));
    }
}
