using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Tests.Platform;

/// <summary>
/// What every <see cref="IEthtoolDevices"/> must do on veth devices, run against the real kernel (in a
/// private namespace) and against <see cref="Fakes.FakeEthtoolDevices"/>: the same expectations for
/// both keep the fake honest. Derived classes mark each method as a fact of the right kind.
/// </summary>
public abstract class EthtoolDevicesBehaviour
{
    private static readonly ChannelCounts FourQueues = new(4, 4, 0, 0);

    private protected abstract IEthtoolDevices Devices { get; }

    /// <summary>Creates a fresh veth pair (0 queues = kernel default) and returns both end names.</summary>
    protected abstract (string Name, string Peer) AddVethPair(uint queues = 0);

    public virtual void ListInterfaces_ReportsLoopbackAndBothVethEndsSortedByName()
    {
        var (name, peer) = AddVethPair();

        var interfaces = Devices.ListInterfaces();

        interfaces.Select(i => i.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        interfaces.Select(i => i.IfIndex).Should().OnlyHaveUniqueItems().And.OnlyContain(i => i > 0);
        interfaces.Single(i => i.Name == "lo").IsLoopback.Should().BeTrue();
        interfaces.Where(i => i.Name == name || i.Name == peer).Should().HaveCount(2)
            .And.OnlyContain(i => !i.IsLoopback && i.PermanentAddress == null, "veth devices have no permanent address");
    }

    public virtual void GetFeatures_ReportsKernelNamesWithoutUnusedBits()
    {
        var (name, _) = AddVethPair();

        var features = Devices.GetFeatures(name);

        var names = features.Features.Select(f => f.Name).ToList();
        names.Should().Contain(["tx-tcp-segmentation", "rx-gro", "tx-checksum-ip-generic", "tx-scatter-gather"]);
        names.Should().NotContain(string.Empty).And.OnlyHaveUniqueItems();
        features.TryGet("rx-lro", out var lro).Should().BeTrue();
        lro.Changeable.Should().BeFalse("veth cannot do LRO");
        features.TryGet("vlan-challenged", out var challenged).Should().BeTrue();
        challenged.NeverChangeable.Should().BeTrue();
        features.TryGet("tx-tcp-segmentation", out var tso).Should().BeTrue();
        tso.Should().Be(new EthtoolFeatureState("tx-tcp-segmentation", Changeable: true, Requested: true, Active: true, NeverChangeable: false));
    }

    public virtual void SetFeatures_TxChecksumAndTsoOffThenOn_ChangesActiveState()
    {
        var (name, _) = AddVethPair();

        var off = Devices.SetFeatures(name, Wanted(("tx-checksum-ip-generic", false), ("tx-tcp-segmentation", false)));
        var afterOff = Devices.GetFeatures(name);
        var on = Devices.SetFeatures(name, Wanted(("tx-checksum-ip-generic", true), ("tx-tcp-segmentation", true)));
        var afterOn = Devices.GetFeatures(name);

        off.Should().Be(new FeatureChangeResult(SomeUnsupported: false, Wish: false));
        Active(afterOff, "tx-checksum-ip-generic").Should().BeFalse();
        Active(afterOff, "tx-tcp-segmentation").Should().BeFalse();
        on.Should().Be(new FeatureChangeResult(SomeUnsupported: false, Wish: false));
        Active(afterOn, "tx-checksum-ip-generic").Should().BeTrue();
        Active(afterOn, "tx-tcp-segmentation").Should().BeTrue();
    }

    public virtual void SetFeatures_TxChecksumOff_TurnsTsoAndUsoOffButKeepsThemRequested()
    {
        var (name, _) = AddVethPair();

        Devices.SetFeatures(name, Wanted(("tx-checksum-ip-generic", false)));

        var features = Devices.GetFeatures(name);
        foreach (var dependent in new[] { "tx-tcp-segmentation", "tx-tcp6-segmentation", "tx-udp-segmentation" })
        {
            features.TryGet(dependent, out var state).Should().BeTrue();
            state.Active.Should().BeFalse($"{dependent} needs tx checksumming");
            state.Requested.Should().BeTrue($"{dependent} was not asked to change");
        }
    }

    public virtual void SetFeatures_TsoOnWhileTxChecksumOff_ReportsWishAndStaysInactive()
    {
        var (name, _) = AddVethPair();
        Devices.SetFeatures(name, Wanted(("tx-checksum-ip-generic", false), ("tx-tcp-segmentation", false)));

        var result = Devices.SetFeatures(name, Wanted(("tx-tcp-segmentation", true)));

        result.Should().Be(new FeatureChangeResult(SomeUnsupported: false, Wish: true));
        Devices.GetFeatures(name).TryGet("tx-tcp-segmentation", out var tso).Should().BeTrue();
        tso.Requested.Should().BeTrue();
        tso.Active.Should().BeFalse();
    }

    public virtual void SetFeatures_TxChecksumBackOn_ActivatesTheWishedTso()
    {
        var (name, _) = AddVethPair();
        Devices.SetFeatures(name, Wanted(("tx-checksum-ip-generic", false), ("tx-tcp-segmentation", false)));
        Devices.SetFeatures(name, Wanted(("tx-tcp-segmentation", true)));

        var result = Devices.SetFeatures(name, Wanted(("tx-checksum-ip-generic", true)));

        result.Wish.Should().BeFalse();
        Active(Devices.GetFeatures(name), "tx-tcp-segmentation").Should().BeTrue();
    }

    public virtual void SetFeatures_ScatterGatherOff_TurnsGsoAndTsoOff()
    {
        var (name, _) = AddVethPair();

        Devices.SetFeatures(name, Wanted(("tx-scatter-gather", false)));

        var features = Devices.GetFeatures(name);
        Active(features, "tx-scatter-gather").Should().BeFalse();
        Active(features, "tx-generic-segmentation").Should().BeFalse();
        Active(features, "tx-tcp-segmentation").Should().BeFalse();
        Active(features, "tx-checksum-ip-generic").Should().BeTrue();
    }

    // The .link persistence relies on these (SystemdLinkMapping): mangle-ID follows TSO, ECN goes only when
    // both TSO and TSO6 are off, and AccECN stays whatever TSO, checksumming or scatter-gather do.
    public virtual void SetFeatures_TsoOffAlone_DropsMangleIdButKeepsEcn()
    {
        var (name, _) = AddVethPair();

        Devices.SetFeatures(name, Wanted(("tx-tcp-segmentation", false)));

        var features = Devices.GetFeatures(name);
        Active(features, "tx-tcp-mangleid-segmentation").Should().BeFalse();
        Active(features, "tx-tcp-ecn-segmentation").Should().BeTrue("TSO6 is still on");
        Active(features, "tx-tcp-accecn-segmentation").Should().BeTrue();
    }

    public virtual void SetFeatures_TsoAndTso6Off_DropEcnAndMangleIdButNotAccEcn()
    {
        var (name, _) = AddVethPair();

        Devices.SetFeatures(name, Wanted(("tx-tcp-segmentation", false), ("tx-tcp6-segmentation", false)));

        var features = Devices.GetFeatures(name);
        Active(features, "tx-tcp-ecn-segmentation").Should().BeFalse();
        Active(features, "tx-tcp-mangleid-segmentation").Should().BeFalse();
        Active(features, "tx-tcp-accecn-segmentation").Should().BeTrue();
    }

    public virtual void SetFeatures_TxChecksumOrScatterGatherOff_KeepsAccEcn()
    {
        var (name, _) = AddVethPair();

        Devices.SetFeatures(name, Wanted(("tx-checksum-ip-generic", false), ("tx-scatter-gather", false)));

        Active(Devices.GetFeatures(name), "tx-tcp-accecn-segmentation").Should().BeTrue();
    }

    public virtual void SetFeatures_FixedFeatureOn_ReportsUnsupportedAndChangesTheRest()
    {
        var (name, _) = AddVethPair();
        var groBefore = Active(Devices.GetFeatures(name), "rx-gro");

        var result = Devices.SetFeatures(name, Wanted(("rx-lro", true), ("rx-gro", !groBefore)));

        result.Should().Be(new FeatureChangeResult(SomeUnsupported: true, Wish: false));
        var features = Devices.GetFeatures(name);
        Active(features, "rx-lro").Should().BeFalse();
        Active(features, "rx-gro").Should().Be(!groBefore);
    }

    public virtual void SetFeatures_NeverChangeableFeature_ReportsUnsupportedInsteadOfFailing()
    {
        var (name, _) = AddVethPair();

        var result = Devices.SetFeatures(name, Wanted(("vlan-challenged", false)));

        result.Should().Be(new FeatureChangeResult(SomeUnsupported: true, Wish: false));
    }

    public virtual void SetFeatures_NothingWanted_ChangesNothing()
    {
        var (name, _) = AddVethPair();
        var before = Devices.GetFeatures(name).Features;

        var result = Devices.SetFeatures(name, new Dictionary<string, bool>());

        result.Should().Be(new FeatureChangeResult(SomeUnsupported: false, Wish: false));
        Devices.GetFeatures(name).Features.Should().Equal(before);
    }

    public virtual void SetFeatures_UnknownFeatureName_IsInvalidInputNamingIt()
    {
        var (name, _) = AddVethPair();

        var act = () => Devices.SetFeatures(name, Wanted(("tx-warp-drive", true)));

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains("'tx-warp-drive'") && e.Message.Contains("rx-gro"));
    }

    public virtual void GetChannels_MultiQueueVeth_ReportsRxTxCountsAndMaximums()
    {
        var (name, _) = AddVethPair(queues: 4);

        var channels = Devices.GetChannels(name);

        channels.Should().Be(new ChannelInfo(Current: FourQueues, Maximum: FourQueues));
    }

    public virtual void SetChannels_RxAndTxWithinMaximum_ChangesCurrentCounts()
    {
        var (name, _) = AddVethPair(queues: 4);

        Devices.SetChannels(name, new ChannelCounts(2, 3, 0, 0));

        Devices.GetChannels(name).Should().Be(new ChannelInfo(new ChannelCounts(2, 3, 0, 0), FourQueues));
    }

    public virtual void SetChannels_AboveMaximum_IsInvalidInputNamingTheMaximum()
    {
        var (name, _) = AddVethPair(queues: 4);

        var act = () => Devices.SetChannels(name, new ChannelCounts(5, 4, 0, 0));

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains("rx channel count 5") && e.Message.Contains("maximum 4"));
        Devices.GetChannels(name)!.Current.Should().Be(FourQueues);
    }

    public virtual void SetChannels_CombinedOnVeth_IsInvalidInputBecauseTheMaximumIsZero()
    {
        var (name, _) = AddVethPair(queues: 4);

        var act = () => Devices.SetChannels(name, new ChannelCounts(4, 4, 0, 1));

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains("combined") && e.Message.Contains("maximum 0"));
    }

    public virtual void SetChannels_NoRxQueue_IsInvalidInputFromTheDriver()
    {
        var (name, _) = AddVethPair(queues: 4);

        var act = () => Devices.SetChannels(name, new ChannelCounts(0, 4, 0, 0));

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains("rejected") && e.Message.Contains("rx=0"));
        Devices.GetChannels(name)!.Current.Should().Be(FourQueues);
    }

    public virtual void Channels_OfLoopback_AreNotSupported()
    {
        Devices.GetChannels("lo").Should().BeNull();

        var act = () => Devices.SetChannels("lo", new ChannelCounts(1, 1, 0, 0));

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported && e.Message.Contains("'lo'"));
    }

    public virtual void EveryOperation_OnUnknownInterface_IsNoMatch()
    {
        const string missing = "nosuchdev0";
        Action[] operations =
        [
            () => Devices.GetFeatures(missing),
            () => Devices.SetFeatures(missing, Wanted(("rx-gro", true))),
            () => Devices.GetChannels(missing),
            () => Devices.SetChannels(missing, new ChannelCounts(1, 1, 0, 0)),
        ];

        foreach (var operation in operations)
        {
            operation.Should().Throw<DscOffloadException>()
                .Where(e => e.Kind == ErrorKind.NoMatch && e.Message == $"interface '{missing}' no longer exists");
        }
    }

    protected static Dictionary<string, bool> Wanted(params (string Name, bool On)[] features) =>
        features.ToDictionary(f => f.Name, f => f.On, StringComparer.Ordinal);

    private protected static bool Active(EthtoolFeatureSet features, string name) =>
        features.TryGet(name, out var state) ? state.Active : throw new InvalidOperationException($"no feature '{name}'");
}
