using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// <c>persist: SystemdLink</c> next to other people's <c>.link</c> files in the same temporary directories: an earlier
/// match wins over ours (reported, persisted false, set refused), and the file that applied before ours keeps all
/// its settings through ours.
/// </summary>
public sealed class OtherLinkFilesPersistTests : IDisposable
{
    private const string GroOff = """{"name": "v0", "features": {"gro": false}, "persist": "SystemdLink"}""";

    private readonly string _etc = Directory.CreateTempSubdirectory("dscoffload-etc-").FullName;
    private readonly string _usrLib = Directory.CreateTempSubdirectory("dscoffload-usrlib-").FullName;
    private readonly ResourceHarness _host;

    public OtherLinkFilesPersistTests()
    {
        _host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(_etc, [_usrLib]));
    }

    private string OwnFile => Path.Combine(_etc, "10-dscoffload-v0.link");

    public void Dispose()
    {
        Directory.Delete(_etc, recursive: true);
        Directory.Delete(_usrLib, recursive: true);
    }

    [Fact]
    public void Set_CarriesOverEverySettingOfTheFileThatAppliedBefore_AndLeavesThatFileAlone()
    {
        const string Other = "[Match]\nOriginalName=v*\n\n[Link]\nMTUBytes=1400\nWakeOnLan=magic\nMACAddressPolicy=persistent\nGenericReceiveOffload=true\nTCPSegmentationOffload=false\n\n[SR-IOV]\nVirtualFunction=0\n";
        var other = Path.Combine(_usrLib, "50-site.link");
        File.WriteAllText(other, Other);

        _host.Set(GroOff);

        var ours = LinkFileLines.Read(File.ReadAllText(OwnFile)).Where(l => l.Section != "Match")
            .Select(l => $"[{l.Section}] {l.Key}={l.Value}").ToList();
        ours.Should().BeEquivalentTo(
            "[Link] MTUBytes=1400", "[Link] WakeOnLan=magic", "[Link] MACAddressPolicy=persistent",
            "[Link] GenericReceiveOffload=false", "[Link] TCPSegmentationOffload=false", "[SR-IOV] VirtualFunction=0");
        File.ReadAllText(other).Should().Be(Other);
        _host.Messages.Should().Contain(m => m.Text.Contains("carries over") && m.Text.Contains(other) && m.Text.Contains("MTUBytes=1400"));
        _host.Test(GroOff).InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Set_OnlyTheFirstMatchingFileAfterOursIsCarriedOver_BecauseOnlyItAppliedBefore()
    {
        File.WriteAllText(Path.Combine(_usrLib, "20-elsewhere.link"), "[Match]\nOriginalName=eth9\n[Link]\nMTUBytes=9000\n");
        File.WriteAllText(Path.Combine(_usrLib, "50-first.link"), "[Match]\nOriginalName=v0 v1\n[Link]\nMTUBytes=1400\n");
        File.WriteAllText(Path.Combine(_usrLib, "99-default.link"), "[Match]\nOriginalName=*\n[Link]\nNamePolicy=keep kernel\n");

        _host.Set(GroOff);

        var text = File.ReadAllText(OwnFile);
        text.Should().Contain("MTUBytes=1400").And.NotContain("MTUBytes=9000").And.NotContain("NamePolicy");
    }

    [Fact]
    public void Set_WithOnlyTheDefaultFileBefore_CarriesItsNamingAndAddressPolicies()
    {
        File.WriteAllText(Path.Combine(_usrLib, "99-default.link"),
            "[Match]\nOriginalName=*\n\n[Link]\nNamePolicy=keep kernel database onboard slot path\nAlternativeNamesPolicy=database onboard slot path\nMACAddressPolicy=persistent\n");

        _host.Set(GroOff);

        File.ReadAllText(OwnFile).Should().Contain("NamePolicy=keep kernel database onboard slot path")
            .And.Contain("AlternativeNamesPolicy=database onboard slot path").And.Contain("MACAddressPolicy=persistent");
    }

    [Fact]
    public void EarlierMatchingFile_IsReportedWithFileAndLine_PersistedIsFalse_AndSetChangesNothing()
    {
        var cloud = Path.Combine(_usrLib, "05-cloud-init-v0.link");
        File.WriteAllText(cloud, "# written by cloud-init\n[Match]\nOriginalName=v0\n[Link]\nName=v0\n");

        var test = _host.Test("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""");
        var set = () => _host.Set(GroOff);

        test.InDesiredState.Should().BeFalse();
        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        _host.Messages.Should().Contain(m => m.Text.Contains($"{cloud}:3: matches 'v0' and sorts before 10-dscoffload-v0.link"));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains(cloud) && e.Message.Contains("nothing was changed"));
        File.Exists(OwnFile).Should().BeFalse();
        _host.Fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void EarlierMatchingFile_AfterOursWasWritten_MakesPersistedFalse()
    {
        _host.Set(GroOff);
        _host.Test(GroOff).InDesiredState.Should().BeTrue();
        File.WriteAllText(Path.Combine(_etc, "05-override.link"), "[Match]\nOriginalName=v0\n[Link]\nGenericReceiveOffload=true\n");

        var test = _host.Test(GroOff);

        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal("persist");
    }

    [Fact]
    public void EarlierFileForAnotherDevice_OrMaskedWithDevNull_DoesNotShadow()
    {
        File.WriteAllText(Path.Combine(_usrLib, "05-other.link"), "[Match]\nOriginalName=!v0\n[Link]\nMTUBytes=1300\n");
        File.WriteAllText(Path.Combine(_usrLib, "06-masked.link"), "[Match]\nOriginalName=v0\n[Link]\nMTUBytes=1200\n");
        File.CreateSymbolicLink(Path.Combine(_etc, "06-masked.link"), "/dev/null");

        _host.Set(GroOff);

        _host.Test(GroOff).InDesiredState.Should().BeTrue();
        File.ReadAllText(OwnFile).Should().NotContain("MTUBytes");
    }

    [Fact]
    public void SameNameInAHigherDirectory_HidesTheLowerOne()
    {
        File.WriteAllText(Path.Combine(_usrLib, "50-site.link"), "[Match]\nOriginalName=v0\n[Link]\nMTUBytes=1400\n");
        File.WriteAllText(Path.Combine(_etc, "50-site.link"), "[Match]\nOriginalName=v0\n[Link]\nMTUBytes=1500\n");

        _host.Set(GroOff);

        File.ReadAllText(OwnFile).Should().Contain("MTUBytes=1500").And.NotContain("MTUBytes=1400");
    }

    [Fact]
    public void RepeatedKeyInThePreviousFile_IsRefusedNamingFileLineAndKey()
    {
        var other = Path.Combine(_usrLib, "50-names.link");
        File.WriteAllText(other, "[Match]\nOriginalName=v0\n[Link]\nAlternativeName=uplink\nAlternativeName=wan\n");

        var set = () => _host.Set(GroOff);

        set.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains($"{other}:5: [Link] AlternativeName= is given 2 times"));
        File.Exists(OwnFile).Should().BeFalse();
    }

    [Fact]
    public void UndecidableFileBeforeAnySureMatch_IsRefused_RatherThanGuessed()
    {
        var usb = Path.Combine(_usrLib, "73-usb-net-by-mac.link");
        File.WriteAllText(usb, "[Match]\nProperty=ID_BUS=usb\n[Link]\nNamePolicy=mac\n");
        File.WriteAllText(Path.Combine(_usrLib, "99-default.link"), "[Match]\nOriginalName=*\n[Link]\nNamePolicy=kernel\n");

        var test = _host.Test(GroOff);

        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        _host.Messages.Should().Contain(m => m.Text.Contains($"{usb}:2: cannot tell whether it applies to 'v0'"));
    }

    [Fact]
    public void ANetworkManagerProfileThatReappliesTheOtherValue_MakesPersistedFalse_AndSetChangesNothing()
    {
        var root = Directory.CreateTempSubdirectory("dscoffload-root-").FullName;
        try
        {
            var profile = Path.Combine(root, "etc/NetworkManager/system-connections/v0.nmconnection");
            Directory.CreateDirectory(Path.GetDirectoryName(profile)!);
            File.WriteAllText(profile, "[connection]\nid=v0\ninterface-name=v0\n\n[ethtool]\nfeature-gro=true\n");
            var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(_etc, [_usrLib]),
                new DscOffload.Linux.Persistence.OtherNetworkStacks(root));

            var test = host.Test(GroOff);
            var set = () => host.Set(GroOff);

            ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
            host.Messages.Should().Contain(m => m.Text.Contains($"{profile}:6: NetworkManager profile sets gro on for 'v0'"));
            set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains(profile));
            File.Exists(OwnFile).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
