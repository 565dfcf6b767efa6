using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Live;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Tests.Privileged;
using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Platform;

/// <summary>
/// The shared veth behaviour against the real kernel, in a private network namespace, plus
/// cross-checks with the <c>ip</c> and <c>ethtool</c> programs. Needs root (see <see cref="PrivilegedFactAttribute"/>).
/// </summary>
public sealed class LiveEthtoolDevicesTests : EthtoolDevicesBehaviour, IClassFixture<VethNamespaceFixture>, IDisposable
{
    private readonly VethNamespaceFixture _namespace;
    private readonly LiveEthtoolDevices? _devices;

    public LiveEthtoolDevicesTests(VethNamespaceFixture networkNamespace)
    {
        _namespace = networkNamespace;
        if (networkNamespace.IsCreated)
        {
            _devices = LiveEthtoolDevices.OpenInNamespace(networkNamespace.Name);
        }
    }

    private protected override IEthtoolDevices Devices => _devices ?? throw new InvalidOperationException("the test namespace was not created");

    protected override (string Name, string Peer) AddVethPair(uint queues = 0)
    {
        var name = _namespace.AddVethPair(queues);
        return (name, name[..^1] + "b");
    }

    public void Dispose() => _devices?.Dispose();

    [PrivilegedFact]
    public override void ListInterfaces_ReportsLoopbackAndBothVethEndsSortedByName() => base.ListInterfaces_ReportsLoopbackAndBothVethEndsSortedByName();

    [PrivilegedFact]
    public override void GetFeatures_ReportsKernelNamesWithoutUnusedBits() => base.GetFeatures_ReportsKernelNamesWithoutUnusedBits();

    [PrivilegedFact]
    public override void SetFeatures_TxChecksumAndTsoOffThenOn_ChangesActiveState() => base.SetFeatures_TxChecksumAndTsoOffThenOn_ChangesActiveState();

    [PrivilegedFact]
    public override void SetFeatures_TxChecksumOff_TurnsTsoAndUsoOffButKeepsThemRequested() => base.SetFeatures_TxChecksumOff_TurnsTsoAndUsoOffButKeepsThemRequested();

    [PrivilegedFact]
    public override void SetFeatures_TsoOnWhileTxChecksumOff_ReportsWishAndStaysInactive() => base.SetFeatures_TsoOnWhileTxChecksumOff_ReportsWishAndStaysInactive();

    [PrivilegedFact]
    public override void SetFeatures_TxChecksumBackOn_ActivatesTheWishedTso() => base.SetFeatures_TxChecksumBackOn_ActivatesTheWishedTso();

    [PrivilegedFact]
    public override void SetFeatures_ScatterGatherOff_TurnsGsoAndTsoOff() => base.SetFeatures_ScatterGatherOff_TurnsGsoAndTsoOff();

    [PrivilegedFact]
    public override void SetFeatures_TsoOffAlone_DropsMangleIdButKeepsEcn() => base.SetFeatures_TsoOffAlone_DropsMangleIdButKeepsEcn();

    [PrivilegedFact]
    public override void SetFeatures_TsoAndTso6Off_DropEcnAndMangleIdButNotAccEcn() => base.SetFeatures_TsoAndTso6Off_DropEcnAndMangleIdButNotAccEcn();

    [PrivilegedFact]
    public override void SetFeatures_TxChecksumOrScatterGatherOff_KeepsAccEcn() => base.SetFeatures_TxChecksumOrScatterGatherOff_KeepsAccEcn();

    [PrivilegedFact]
    public override void SetFeatures_FixedFeatureOn_ReportsUnsupportedAndChangesTheRest() => base.SetFeatures_FixedFeatureOn_ReportsUnsupportedAndChangesTheRest();

    [PrivilegedFact]
    public override void SetFeatures_NeverChangeableFeature_ReportsUnsupportedInsteadOfFailing() => base.SetFeatures_NeverChangeableFeature_ReportsUnsupportedInsteadOfFailing();

    [PrivilegedFact]
    public override void SetFeatures_NothingWanted_ChangesNothing() => base.SetFeatures_NothingWanted_ChangesNothing();

    [PrivilegedFact]
    public override void SetFeatures_UnknownFeatureName_IsInvalidInputNamingIt() => base.SetFeatures_UnknownFeatureName_IsInvalidInputNamingIt();

    [PrivilegedFact]
    public override void GetChannels_MultiQueueVeth_ReportsRxTxCountsAndMaximums() => base.GetChannels_MultiQueueVeth_ReportsRxTxCountsAndMaximums();

    [PrivilegedFact]
    public override void SetChannels_RxAndTxWithinMaximum_ChangesCurrentCounts() => base.SetChannels_RxAndTxWithinMaximum_ChangesCurrentCounts();

    [PrivilegedFact]
    public override void SetChannels_AboveMaximum_IsInvalidInputNamingTheMaximum() => base.SetChannels_AboveMaximum_IsInvalidInputNamingTheMaximum();

    [PrivilegedFact]
    public override void SetChannels_CombinedOnVeth_IsInvalidInputBecauseTheMaximumIsZero() => base.SetChannels_CombinedOnVeth_IsInvalidInputBecauseTheMaximumIsZero();

    [PrivilegedFact]
    public override void SetChannels_NoRxQueue_IsInvalidInputFromTheDriver() => base.SetChannels_NoRxQueue_IsInvalidInputFromTheDriver();

    [PrivilegedFact]
    public override void Channels_OfLoopback_AreNotSupported() => base.Channels_OfLoopback_AreNotSupported();

    [PrivilegedFact]
    public override void EveryOperation_OnUnknownInterface_IsNoMatch() => base.EveryOperation_OnUnknownInterface_IsNoMatch();

    [PrivilegedFact]
    public void ListInterfaces_MatchesIpLinkInTheNamespace()
    {
        var expected = _namespace.Ip("-o", "link", "show")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3))
            .Select(parts => (Name: parts[1].Trim().Split('@')[0], IfIndex: int.Parse(parts[0])))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();

        var interfaces = Devices.ListInterfaces();

        interfaces.Select(i => (i.Name, i.IfIndex)).Should().Equal(expected);
        interfaces.Select(i => i.Name).Should().Contain(["lo", "v0", "v1", "m0", "m1"]);
    }

    [PrivilegedFact(needsProgram: "ethtool")]
    public void GetFeatures_AfterAChange_MatchesTheEthtoolProgram()
    {
        Devices.SetFeatures("v0", Wanted(("tx-checksum-ip-generic", false), ("rx-gro", true)));
        try
        {
            var shown = _namespace.Exec("ethtool", "-k", "v0")
                .Split('\n')
                .Select(line => line.Trim().Split(": ", 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => parts[1].StartsWith("on", StringComparison.Ordinal), StringComparer.Ordinal);

            var features = Devices.GetFeatures("v0").Features.Where(f => shown.ContainsKey(f.Name)).ToList();

            features.Should().HaveCountGreaterThan(40, "ethtool -k prints most features under their kernel names");
            features.Select(f => (f.Name, f.Active)).Should().Equal(features.Select(f => (f.Name, shown[f.Name])));
            shown["tx-tcp-segmentation"].Should().BeFalse();
            shown["generic-receive-offload"].Should().BeTrue("ethtool shows rx-gro under its legacy name");
        }
        finally
        {
            Devices.SetFeatures("v0", Wanted(("tx-checksum-ip-generic", true), ("rx-gro", false)));
        }
    }

    [PrivilegedFact(needsProgram: "ethtool")]
    public void SetChannels_MatchesTheEthtoolProgram()
    {
        var (name, _) = AddVethPair(queues: 4);

        Devices.SetChannels(name, new ChannelCounts(3, 2, 0, 0));

        var current = _namespace.Exec("ethtool", "-l", name).Split("Current hardware settings:")[1];
        current.Should().MatchRegex(@"RX:\s+3\b").And.MatchRegex(@"TX:\s+2\b");
    }

    [PrivilegedFact]
    public void OpenInNamespace_LeavesTheCallingThreadInItsOwnNamespace()
    {
        var before = File.ResolveLinkTarget("/proc/thread-self/ns/net", returnFinalTarget: false)!.FullName;

        using (var devices = LiveEthtoolDevices.OpenInNamespace(_namespace.Name))
        {
            devices.ListInterfaces().Should().Contain(i => i.Name == "m0");
        }

        File.ResolveLinkTarget("/proc/thread-self/ns/net", returnFinalTarget: false)!.FullName.Should().Be(before);
    }

    [PrivilegedFact]
    public void Changes_WithoutNetAdmin_AreElevationRequiredAndReadsStillWork()
    {
        var (name, _) = AddVethPair(queues: 4);
        var groBefore = Active(Devices.GetFeatures(name), "rx-gro");

        var outcome = ThreadCapabilities.RunWithout(ThreadCapabilities.NetAdmin, () =>
        {
            var features = Devices.GetFeatures(name);
            var channels = Devices.GetChannels(name);
            var setFeatures = Record.Exception(() => Devices.SetFeatures(name, Wanted(("rx-gro", !groBefore))));
            var setChannels = Record.Exception(() => Devices.SetChannels(name, new ChannelCounts(1, 1, 0, 0)));
            return (features, channels, setFeatures, setChannels);
        });

        outcome.features.Features.Should().NotBeEmpty();
        outcome.channels.Should().BeEquivalentTo(Devices.GetChannels(name), "reading channels needs no privilege and gives what root reads");
        outcome.setFeatures.Should().BeOfType<DscOffloadException>().Which.Should().Match<DscOffloadException>(e =>
            e.Kind == ErrorKind.ElevationRequired && e.Message == $"changing offload features of '{name}' needs root (CAP_NET_ADMIN)");
        outcome.setChannels.Should().BeOfType<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
        Active(Devices.GetFeatures(name), "rx-gro").Should().Be(groBefore);
    }

    [PrivilegedFact]
    public void OpenInNamespace_UnknownNamespace_IsNoMatch()
    {
        var act = () => LiveEthtoolDevices.OpenInNamespace(_namespace.Name + "-missing");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NoMatch && e.Message.Contains("-missing"));
    }

    [Fact]
    public void OpenInNamespace_NameWithSlash_IsInvalidInputOnLinux()
    {
        var act = () => LiveEthtoolDevices.OpenInNamespace("../etc");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == (OperatingSystem.IsLinux() ? ErrorKind.InvalidInput : ErrorKind.NotSupported));
    }

    [Fact]
    public void Open_WorksOnLinuxOnly_AndReadsLoopbackWithoutChangingAnything()
    {
        if (!OperatingSystem.IsLinux())
        {
            FluentActions.Invoking(LiveEthtoolDevices.Open).Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported);
            return;
        }

        using var devices = LiveEthtoolDevices.Open();

        devices.ListInterfaces().Should().Contain(i => i.Name == "lo" && i.IsLoopback);
        devices.GetFeatures("lo").Features.Should().Contain(f => f.Name == "rx-checksum" && f.Active && !f.Changeable);
        devices.NamespaceName.Should().BeNull();
    }
}
