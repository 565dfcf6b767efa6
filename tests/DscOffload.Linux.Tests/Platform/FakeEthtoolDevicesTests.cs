using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Tests.Fakes;

namespace DscOffload.Linux.Tests.Platform;

/// <summary>The shared veth behaviour against the fake, plus what only the fake can show (other profiles, privileges, vanishing devices).</summary>
public sealed class FakeEthtoolDevicesTests : EthtoolDevicesBehaviour
{
    private readonly FakeEthtoolDevices _fake = FakeEthtoolDevices.WithVethPairs();
    private int _pairs;

    private protected override IEthtoolDevices Devices => _fake;

    protected override (string Name, string Peer) AddVethPair(uint queues = 0)
    {
        var number = ++_pairs;
        var (max, current) = queues == 0 ? (2u, 1u) : (queues, queues);
        _fake.Add(FakeDevice.Veth($"t{number}a", max, current));
        _fake.Add(FakeDevice.Veth($"t{number}b", max, current));
        return ($"t{number}a", $"t{number}b");
    }

    [Fact]
    public override void ListInterfaces_ReportsLoopbackAndBothVethEndsSortedByName() => base.ListInterfaces_ReportsLoopbackAndBothVethEndsSortedByName();

    [Fact]
    public override void GetFeatures_ReportsKernelNamesWithoutUnusedBits() => base.GetFeatures_ReportsKernelNamesWithoutUnusedBits();

    [Fact]
    public override void SetFeatures_TxChecksumAndTsoOffThenOn_ChangesActiveState() => base.SetFeatures_TxChecksumAndTsoOffThenOn_ChangesActiveState();

    [Fact]
    public override void SetFeatures_TxChecksumOff_TurnsTsoAndUsoOffButKeepsThemRequested() => base.SetFeatures_TxChecksumOff_TurnsTsoAndUsoOffButKeepsThemRequested();

    [Fact]
    public override void SetFeatures_TsoOnWhileTxChecksumOff_ReportsWishAndStaysInactive() => base.SetFeatures_TsoOnWhileTxChecksumOff_ReportsWishAndStaysInactive();

    [Fact]
    public override void SetFeatures_TxChecksumBackOn_ActivatesTheWishedTso() => base.SetFeatures_TxChecksumBackOn_ActivatesTheWishedTso();

    [Fact]
    public override void SetFeatures_ScatterGatherOff_TurnsGsoAndTsoOff() => base.SetFeatures_ScatterGatherOff_TurnsGsoAndTsoOff();

    [Fact]
    public override void SetFeatures_TsoOffAlone_DropsMangleIdButKeepsEcn() => base.SetFeatures_TsoOffAlone_DropsMangleIdButKeepsEcn();

    [Fact]
    public override void SetFeatures_TsoAndTso6Off_DropEcnAndMangleIdButNotAccEcn() => base.SetFeatures_TsoAndTso6Off_DropEcnAndMangleIdButNotAccEcn();

    [Fact]
    public override void SetFeatures_TxChecksumOrScatterGatherOff_KeepsAccEcn() => base.SetFeatures_TxChecksumOrScatterGatherOff_KeepsAccEcn();

    [Fact]
    public override void SetFeatures_FixedFeatureOn_ReportsUnsupportedAndChangesTheRest() => base.SetFeatures_FixedFeatureOn_ReportsUnsupportedAndChangesTheRest();

    [Fact]
    public override void SetFeatures_NeverChangeableFeature_ReportsUnsupportedInsteadOfFailing() => base.SetFeatures_NeverChangeableFeature_ReportsUnsupportedInsteadOfFailing();

    [Fact]
    public override void SetFeatures_NothingWanted_ChangesNothing() => base.SetFeatures_NothingWanted_ChangesNothing();

    [Fact]
    public override void SetFeatures_UnknownFeatureName_IsInvalidInputNamingIt() => base.SetFeatures_UnknownFeatureName_IsInvalidInputNamingIt();

    [Fact]
    public override void GetChannels_MultiQueueVeth_ReportsRxTxCountsAndMaximums() => base.GetChannels_MultiQueueVeth_ReportsRxTxCountsAndMaximums();

    [Fact]
    public override void SetChannels_RxAndTxWithinMaximum_ChangesCurrentCounts() => base.SetChannels_RxAndTxWithinMaximum_ChangesCurrentCounts();

    [Fact]
    public override void SetChannels_AboveMaximum_IsInvalidInputNamingTheMaximum() => base.SetChannels_AboveMaximum_IsInvalidInputNamingTheMaximum();

    [Fact]
    public override void SetChannels_CombinedOnVeth_IsInvalidInputBecauseTheMaximumIsZero() => base.SetChannels_CombinedOnVeth_IsInvalidInputBecauseTheMaximumIsZero();

    [Fact]
    public override void SetChannels_NoRxQueue_IsInvalidInputFromTheDriver() => base.SetChannels_NoRxQueue_IsInvalidInputFromTheDriver();

    [Fact]
    public override void Channels_OfLoopback_AreNotSupported() => base.Channels_OfLoopback_AreNotSupported();

    [Fact]
    public override void EveryOperation_OnUnknownInterface_IsNoMatch() => base.EveryOperation_OnUnknownInterface_IsNoMatch();

    [Fact]
    public void SetFeatures_WithoutPrivilege_IsElevationRequiredAndChangesNothing()
    {
        _fake.CanChange = false;

        var act = () => _fake.SetFeatures("v0", Wanted(("rx-gro", true)));

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.ElevationRequired && e.Message == "changing offload features of 'v0' needs root (CAP_NET_ADMIN)");
        _fake.Device("v0").IsActive("rx-gro").Should().BeFalse();
        _fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void SetChannels_WithoutPrivilege_IsElevationRequired()
    {
        _fake.CanChange = false;

        var act = () => _fake.SetChannels("m0", new ChannelCounts(2, 2, 0, 0));

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ElevationRequired);
        _fake.GetChannels("m0")!.Current.Should().Be(new ChannelCounts(4, 4, 0, 0));
    }

    [Fact]
    public void GetFeatures_AfterDeviceVanished_IsNoMatch()
    {
        _fake.Remove("v1");

        var act = () => _fake.GetFeatures("v1");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NoMatch);
        _fake.ListInterfaces().Select(i => i.Name).Should().Equal("lo", "m0", "m1", "v0");
    }

    [Fact]
    public void FailChangesWith_IsThrownForThatDeviceOnly()
    {
        _fake.Device("v1").FailChangesWith = new DscOffloadException(ErrorKind.Unexpected, "boom");

        _fake.SetFeatures("v0", Wanted(("rx-gro", true)));
        var act = () => _fake.SetFeatures("v1", Wanted(("rx-gro", true)));

        act.Should().Throw<DscOffloadException>().WithMessage("boom");
        _fake.Calls.Select(c => c.InterfaceName).Should().Equal("v0");
    }

    [Fact]
    public void Calls_RecordChangeRequestsInOrder()
    {
        _fake.SetFeatures("v0", Wanted(("tx-checksum-ip-generic", true)));
        _fake.SetFeatures("v0", Wanted(("tx-tcp-segmentation", true)));
        _fake.SetChannels("m0", new ChannelCounts(1, 1, 0, 0));

        _fake.Calls.Select(c => (c.Operation, c.Features?.Keys.Single(), c.Channels)).Should().Equal(
            ("SetFeatures", "tx-checksum-ip-generic", null),
            ("SetFeatures", "tx-tcp-segmentation", null),
            ("SetChannels", null, new ChannelCounts(1, 1, 0, 0)));
    }

    [Fact]
    public void MultiQueueNic_HasCombinedChannelsAndChangeableLroAndHashing()
    {
        var nic = FakeEthtoolDevices.WithNic();

        nic.SetChannels("eth0", new ChannelCounts(0, 0, 1, 2));
        var features = nic.GetFeatures("eth0");

        nic.GetChannels("eth0")!.Current.Should().Be(new ChannelCounts(0, 0, 1, 2));
        nic.ListInterfaces().Single(i => i.Name == "eth0").PermanentAddress.Should().Be("52:54:00:12:34:56");
        features.Features.Where(f => f.Changeable).Select(f => f.Name).Should().Contain(["rx-lro", "rx-gro-hw", "rx-hashing", "rx-ntuple-filter"]);
    }

    [Fact]
    public void MultiQueueNic_WithoutCombinedChannels_IsRejected()
    {
        var nic = FakeEthtoolDevices.WithNic();

        var act = () => nic.SetChannels("eth0", new ChannelCounts(0, 0, 1, 0));

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains("combined=0"));
    }

    [Fact]
    public void MultiQueueNic_HardwareGroWithoutRxChecksum_IsAWish()
    {
        var nic = FakeEthtoolDevices.WithNic();
        nic.SetFeatures("eth0", Wanted(("rx-checksum", false)));

        var result = nic.SetFeatures("eth0", Wanted(("rx-gro-hw", true)));

        result.Wish.Should().BeTrue();
        nic.Device("eth0").IsActive("rx-gro-hw").Should().BeFalse();
    }

    [Fact]
    public void MultiQueueNic_HardwareGroOn_TurnsLroOff()
    {
        var nic = FakeEthtoolDevices.WithNic();
        nic.SetFeatures("eth0", Wanted(("rx-lro", true)));

        nic.SetFeatures("eth0", Wanted(("rx-gro-hw", true)));

        nic.Device("eth0").IsActive("rx-gro-hw").Should().BeTrue();
        nic.Device("eth0").IsActive("rx-lro").Should().BeFalse();
    }

    [Fact]
    public void MultiQueueNic_Ipv6ChecksumOff_DropsOnlyIpv6Tso()
    {
        var nic = FakeEthtoolDevices.WithNic();

        nic.SetFeatures("eth0", Wanted(("tx-checksum-ipv6", false)));

        nic.Device("eth0").IsActive("tx-tcp6-segmentation").Should().BeFalse();
        nic.Device("eth0").IsActive("tx-tcp-segmentation").Should().BeTrue();
    }

    [Fact]
    public void Loopback_FixedOnFeatures_AreActiveButNotRequested()
    {
        var features = _fake.GetFeatures("lo");

        features.TryGet("rx-checksum", out var rxChecksum).Should().BeTrue();
        rxChecksum.Should().Be(new EthtoolFeatureState("rx-checksum", Changeable: false, Requested: false, Active: true, NeverChangeable: false));
        features.Features.Should().HaveCount(KernelFeatureNames.Linux618.Count(n => n.Length > 0));
    }
}
