using DscOffload.Linux.Persistence;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Tests.Fakes;

namespace DscOffload.Linux.Tests.Persistence;

public sealed class SystemdLinkMappingTests
{
    private static readonly LinuxInterface Veth = new("v0", 3, null, false);
    private static readonly LinuxInterface Nic = new("enp3s0", 2, "52:54:00:12:34:56", false);

    private static readonly string[] TxAlias =
        ["tx-checksum-ipv4", "tx-checksum-ip-generic", "tx-checksum-ipv6", "tx-checksum-fcoe-crc", "tx-checksum-sctp"];

    public static TheoryData<string, string> SingleFeatureKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in SystemdLinkKeys.FeatureKeys.Where(k => !k.IsPrefix))
        {
            data.Add(key.Feature, key.Key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SingleFeatureKeys))]
    public void Map_FeatureWithItsOwnKey_BecomesThatSwitch(string feature, string key)
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted((feature, false)), SystemdLinkChannels.None);

        result.IsExpressible.Should().BeTrue();
        result.Settings!.FeatureSwitches.Should().Equal(new Dictionary<string, bool> { [key] = false });
    }

    [Fact]
    public void Map_KeysCoverTheFeaturesTheBriefLists()
    {
        SystemdLinkKeys.FeatureKeys.Select(k => (k.Key, k.Feature)).Should().BeEquivalentTo(new[]
        {
            ("ReceiveChecksumOffload", "rx-checksum"), ("TransmitChecksumOffload", "tx-checksum-"),
            ("TCPSegmentationOffload", "tx-tcp-segmentation"), ("TCP6SegmentationOffload", "tx-tcp6-segmentation"),
            ("GenericSegmentationOffload", "tx-generic-segmentation"), ("GenericReceiveOffload", "rx-gro"),
            ("GenericReceiveOffloadHardware", "rx-gro-hw"), ("LargeReceiveOffload", "rx-lro"),
            ("ReceiveVLANCTAGHardwareAcceleration", "rx-vlan-hw-parse"), ("TransmitVLANCTAGHardwareAcceleration", "tx-vlan-hw-insert"),
            ("ReceiveVLANCTAGFilter", "rx-vlan-filter"), ("TransmitVLANSTAGHardwareAcceleration", "tx-vlan-stag-hw-insert"),
            ("NTupleFilter", "rx-ntuple-filter"),
        });
    }

    [Fact]
    public void Map_AllTxChecksumFeaturesWithOneValue_BecomeTransmitChecksumOffload()
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted([.. TxAlias.Select(f => (f, false))]), SystemdLinkChannels.None);

        result.Settings!.FeatureSwitches.Should().Equal(new Dictionary<string, bool> { ["TransmitChecksumOffload"] = false });
    }

    [Fact]
    public void Map_TxChecksumFeaturesWithDifferentValues_CannotBeExpressed()
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted(("tx-checksum-ip-generic", false), ("tx-checksum-sctp", true), ("rx-gro", true)), SystemdLinkChannels.None);

        result.IsExpressible.Should().BeFalse();
        result.Settings.Should().BeNull();
        result.Unexpressible.Select(u => u.Setting).Should().Equal("tx-checksum-ip-generic", "tx-checksum-sctp");
        result.Unexpressible.Should().OnlyContain(u =>
            u.Reason.Contains("TransmitChecksumOffload=") && u.Reason.Contains("tx-checksum-ip-generic=off") && u.Reason.Contains("tx-checksum-sctp=on"));
    }

    [Fact]
    public void Map_SomeTxChecksumFeaturesWhileTheDeviceCanChangeOthers_CannotBeExpressed()
    {
        var device = FakeDevice.Veth("v0").ToFeatureSet(KernelFeatureNames.Linux618);

        var result = SystemdLinkMapping.Map(Veth, Wanted(("tx-checksum-ip-generic", false)), SystemdLinkChannels.None, device);

        result.Unexpressible.Should().ContainSingle().Which.Should().Match<UnexpressibleSetting>(u =>
            u.Setting == "tx-checksum-ip-generic" && u.Reason.Contains("tx-checksum-sctp") && u.Reason.Contains("'tx' alias"));
    }

    [Fact]
    public void Map_EveryChangeableTxChecksumFeatureNamed_IsExpressibleEvenIfFixedOnesAreNot()
    {
        var device = FakeDevice.Veth("v0").ToFeatureSet(KernelFeatureNames.Linux618);

        var result = SystemdLinkMapping.Map(Veth, Wanted(("tx-checksum-ip-generic", true), ("tx-checksum-sctp", true)), SystemdLinkChannels.None, device);

        result.Settings!.FeatureSwitches.Should().Equal(new Dictionary<string, bool> { ["TransmitChecksumOffload"] = true });
    }

    [Theory]
    [InlineData("tx-scatter-gather")]
    [InlineData("rx-hashing")]
    [InlineData("tx-udp-segmentation")]
    public void Map_FeatureWithoutLinkKey_CannotBeExpressed(string feature)
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted((feature, true), ("rx-gro", true)), SystemdLinkChannels.None);

        result.Unexpressible.Should().Equal(new UnexpressibleSetting(feature, "systemd .link files have no key for this feature"));
    }

    [Fact]
    public void Map_MangleIdOffWithTsoOff_NeedsNoKeyBecauseTheKernelDropsIt()
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted(("tx-tcp-segmentation", false), ("tx-tcp-mangleid-segmentation", false)), SystemdLinkChannels.None);

        result.Settings!.FeatureSwitches.Should().Equal(new Dictionary<string, bool> { ["TCPSegmentationOffload"] = false });
    }

    [Fact]
    public void Map_EcnOffWithTsoAndTso6Off_NeedsNoKeyBecauseTheKernelDropsIt()
    {
        var result = SystemdLinkMapping.Map(
            Veth,
            Wanted(("tx-tcp-segmentation", false), ("tx-tcp6-segmentation", false), ("tx-tcp-ecn-segmentation", false), ("tx-tcp-mangleid-segmentation", false)),
            SystemdLinkChannels.None);

        result.Settings!.FeatureSwitches.Should().Equal(new Dictionary<string, bool>
        {
            ["TCPSegmentationOffload"] = false,
            ["TCP6SegmentationOffload"] = false,
        });
    }

    [Fact]
    public void Map_EcnOffWhileTso6StaysOn_CannotBeExpressedBecauseTheKernelKeepsEcn()
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted(("tx-tcp-segmentation", false), ("tx-tcp-ecn-segmentation", false)), SystemdLinkChannels.None);

        result.Unexpressible.Should().ContainSingle().Which.Should().Match<UnexpressibleSetting>(u =>
            u.Setting == "tx-tcp-ecn-segmentation" && u.Reason.Contains("tx-tcp6-segmentation off"));
    }

    [Fact]
    public void Map_EcnOffWithTsoOffAndTso6FixedOffOnTheDevice_NeedsNoKey()
    {
        var device = new FakeDevice("v0")
            .WithFeature("tx-tcp-segmentation", changeable: true, active: true)
            .WithFeature("tx-tcp-ecn-segmentation", changeable: true, active: true)
            .WithFeature("tx-tcp6-segmentation", changeable: false, active: false)
            .ToFeatureSet(KernelFeatureNames.Linux618);

        var result = SystemdLinkMapping.Map(Veth, Wanted(("tx-tcp-segmentation", false), ("tx-tcp-ecn-segmentation", false)), SystemdLinkChannels.None, device);

        result.Settings!.FeatureSwitches.Should().Equal(new Dictionary<string, bool> { ["TCPSegmentationOffload"] = false });
    }

    [Theory]
    [InlineData("tx-tcp-ecn-segmentation")]
    [InlineData("tx-tcp-mangleid-segmentation")]
    public void Map_TsoVariantWantedOn_CannotBeExpressedEvenWithTsoOn(string feature)
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted(("tx-tcp-segmentation", true), ("tx-tcp6-segmentation", true), (feature, true)), SystemdLinkChannels.None);

        result.Unexpressible.Should().ContainSingle().Which.Should().Match<UnexpressibleSetting>(u =>
            u.Setting == feature && u.Reason.Contains("only as off"));
    }

    [Fact]
    public void Map_AccEcnOffWithTsoOff_CannotBeExpressedAndPointsAwayFromTheTsoAlias()
    {
        var result = SystemdLinkMapping.Map(
            Veth,
            Wanted(("tx-tcp-segmentation", false), ("tx-tcp6-segmentation", false), ("tx-tcp-accecn-segmentation", false)),
            SystemdLinkChannels.None);

        result.Unexpressible.Should().ContainSingle().Which.Should().Match<UnexpressibleSetting>(u =>
            u.Setting == "tx-tcp-accecn-segmentation" && u.Reason.Contains("'tso' alias") && u.Reason.Contains("keeps it"));
    }

    [Fact]
    public void Map_DeviceWithPermanentAddress_MatchesOnItAndKeepsTheName()
    {
        var result = SystemdLinkMapping.Map(Nic, Wanted(("rx-gro", true)), SystemdLinkChannels.None);

        result.Settings!.MatchPermanentAddress.Should().Be("52:54:00:12:34:56");
        result.Settings.MatchOriginalName.Should().BeNull();
        result.Settings.Name.Should().Be("enp3s0");
    }

    [Fact]
    public void Map_DeviceWithoutPermanentAddress_MatchesOnOriginalName()
    {
        var result = SystemdLinkMapping.Map(Veth, Wanted(("rx-gro", true)), SystemdLinkChannels.None);

        result.Settings!.MatchOriginalName.Should().Be("v0");
        result.Settings.MatchPermanentAddress.Should().BeNull();
        result.Settings.Name.Should().BeNull();
    }

    [Fact]
    public void Map_NameWithGlobCharactersAndNoAddress_CannotBeExpressed()
    {
        var result = SystemdLinkMapping.Map(Veth with { Name = "v[0]" }, Wanted(("rx-gro", true)), SystemdLinkChannels.None);

        result.Unexpressible.Should().ContainSingle().Which.Setting.Should().Be("name");
    }

    [Fact]
    public void Map_Channels_AreCarriedOverAndZeroCannotBeExpressed()
    {
        var ok = SystemdLinkMapping.Map(Nic, Wanted(), new SystemdLinkChannels(null, null, null, 4));
        var zero = SystemdLinkMapping.Map(Nic, Wanted(), new SystemdLinkChannels(0, 2, null, null));

        ok.Settings!.Channels.Should().Be(new SystemdLinkChannels(null, null, null, 4));
        zero.Unexpressible.Should().Equal(new UnexpressibleSetting("channels.rx", "RxChannels= takes a count of at least 1, so 0 cannot be persisted"));
    }

    private static Dictionary<string, bool> Wanted(params (string Name, bool On)[] features) =>
        features.ToDictionary(f => f.Name, f => f.On, StringComparer.Ordinal);
}
