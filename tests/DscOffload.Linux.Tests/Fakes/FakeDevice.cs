using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Tests.Fakes;

/// <summary>
/// One simulated network device: which features it can change, what is requested and active, and
/// its channels. Build one from a profile (<see cref="Veth"/>, <see cref="Loopback"/>,
/// <see cref="MultiQueueNic"/>) and adjust it with <see cref="WithFeature"/>.
/// </summary>
internal sealed class FakeDevice
{
    private readonly HashSet<string> _changeable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);

    public FakeDevice(string name, int ifIndex = 0, string? permanentAddress = null, bool isLoopback = false)
    {
        Name = name;
        IfIndex = ifIndex;
        PermanentAddress = permanentAddress;
        IsLoopback = isLoopback;
    }

    public string Name { get; }

    /// <summary>0 means "assign the next free index when added to a <see cref="FakeEthtoolDevices"/>".</summary>
    public int IfIndex { get; internal set; }

    public string? PermanentAddress { get; }

    public bool IsLoopback { get; }

    /// <summary>Channels; null for a driver without channel support (GCHANNELS → EOPNOTSUPP).</summary>
    public ChannelInfo? Channels { get; set; }

    /// <summary>When set, every Set* call for this device throws it (after validation), to test partial applies.</summary>
    public DscOffloadException? FailChangesWith { get; set; }

    public bool IsChangeable(string feature) => _changeable.Contains(feature);

    public bool IsRequested(string feature) => _requested.Contains(feature);

    public bool IsActive(string feature) => _active.Contains(feature);

    /// <summary>
    /// Seeds one feature. A changeable feature is also requested when active; a fixed one is never
    /// requested, as the kernel reports it.
    /// </summary>
    public FakeDevice WithFeature(string feature, bool changeable, bool active)
    {
        Toggle(_changeable, feature, changeable);
        Toggle(_active, feature, active);
        Toggle(_requested, feature, changeable && active);
        return this;
    }

    /// <summary>Seeds channels (maximum and current).</summary>
    public FakeDevice WithChannels(ChannelCounts current, ChannelCounts maximum)
    {
        Channels = new ChannelInfo(current, maximum);
        return this;
    }

    /// <summary>A veth device of Linux 6.18: its changeable features and defaults (GRO off), rx/tx channels only.</summary>
    public static FakeDevice Veth(string name, uint queues = 2, uint currentQueues = 1)
    {
        var device = new FakeDevice(name);
        foreach (var feature in VethOnByDefault)
        {
            device.WithFeature(feature, changeable: true, active: true);
        }

        foreach (var feature in VethOffByDefault)
        {
            device.WithFeature(feature, changeable: true, active: false);
        }

        return device.WithChannels(new ChannelCounts(currentQueues, currentQueues, 0, 0), new ChannelCounts(queues, queues, 0, 0));
    }

    /// <summary><c>lo</c> of Linux 6.18: checksumming and scatter-gather fixed on, segmentation and GRO changeable, no channels.</summary>
    public static FakeDevice Loopback()
    {
        var device = new FakeDevice("lo", isLoopback: true);
        foreach (var feature in LoopbackFixedOn)
        {
            device.WithFeature(feature, changeable: false, active: true);
        }

        foreach (var feature in LoopbackChangeableOn)
        {
            device.WithFeature(feature, changeable: true, active: true);
        }

        device.WithFeature("rx-gro-list", changeable: true, active: false);
        device.WithFeature("rx-udp-gro-forwarding", changeable: true, active: false);
        return device;
    }

    /// <summary>
    /// An illustrative multi-queue NIC (not measured): IPv4/IPv6 checksumming, TSO, LRO and hardware
    /// GRO (both off), receive hashing on, ntuple filters off, combined channels only.
    /// </summary>
    public static FakeDevice MultiQueueNic(string name, string permanentAddress, uint maxCombined = 8, uint combined = 8)
    {
        var device = new FakeDevice(name, permanentAddress: permanentAddress);
        foreach (var feature in NicOnByDefault)
        {
            device.WithFeature(feature, changeable: true, active: true);
        }

        foreach (var feature in NicOffByDefault)
        {
            device.WithFeature(feature, changeable: true, active: false);
        }

        device.WithFeature("highdma", changeable: false, active: true);
        device.WithFeature("rx-vlan-filter", changeable: false, active: true);
        return device.WithChannels(new ChannelCounts(0, 0, 1, combined), new ChannelCounts(0, 0, 1, maxCombined));
    }

    internal EthtoolFeatureSet ToFeatureSet(IReadOnlyList<string> names) =>
        new([.. names.Where(n => n.Length > 0).Select(n => new EthtoolFeatureState(
            n,
            Changeable: _changeable.Contains(n),
            Requested: _requested.Contains(n),
            Active: _active.Contains(n),
            NeverChangeable: KernelFeatureNames.NeverChangeable.Contains(n)))]);

    /// <summary>The SFEATURES semantics: fixed bits are ignored (UNSUPPORTED), the rest requested, then dependencies fix the active set.</summary>
    internal FeatureChangeResult Apply(IReadOnlyDictionary<string, bool> wanted)
    {
        var unsupported = false;
        var valid = new List<string>();
        foreach (var (feature, on) in wanted)
        {
            if (!_changeable.Contains(feature) || KernelFeatureNames.NeverChangeable.Contains(feature))
            {
                unsupported = true;
                continue;
            }

            valid.Add(feature);
            Toggle(_requested, feature, on);
        }

        var active = new HashSet<string>(_active.Where(f => !_changeable.Contains(f)), StringComparer.Ordinal);
        active.UnionWith(_requested.Where(_changeable.Contains));
        FeatureDependencies.Fix(active);
        _active.Clear();
        _active.UnionWith(active);

        var wish = valid.Any(f => _requested.Contains(f) != _active.Contains(f));
        return new FeatureChangeResult(unsupported, wish);
    }

    private static void Toggle(HashSet<string> set, string feature, bool on)
    {
        if (on)
        {
            set.Add(feature);
        }
        else
        {
            set.Remove(feature);
        }
    }

    private static readonly string[] VethOnByDefault =
    [
        "tx-scatter-gather", "tx-checksum-ip-generic", "highdma", "tx-scatter-gather-fraglist", "tx-vlan-hw-insert",
        "rx-vlan-hw-parse", "tx-generic-segmentation", "tx-tcp-segmentation", "tx-tcp-ecn-segmentation",
        "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-gre-segmentation", "tx-gre-csum-segmentation",
        "tx-ipxip4-segmentation", "tx-ipxip6-segmentation", "tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation",
        "tx-sctp-segmentation", "tx-udp-segmentation", "tx-gso-list", "tx-tcp-accecn-segmentation", "tx-checksum-sctp",
        "rx-checksum", "tx-vlan-stag-hw-insert", "rx-vlan-stag-hw-parse",
    ];

    private static readonly string[] VethOffByDefault = ["rx-gro", "tx-nocache-copy", "rx-gro-list", "rx-udp-gro-forwarding"];

    private static readonly string[] LoopbackFixedOn =
    [
        "tx-scatter-gather", "tx-checksum-ip-generic", "highdma", "tx-scatter-gather-fraglist", "vlan-challenged",
        "tx-checksum-sctp", "rx-checksum", "loopback",
    ];

    private static readonly string[] LoopbackChangeableOn =
    [
        "tx-generic-segmentation", "rx-gro", "tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation",
        "tx-tcp6-segmentation", "tx-sctp-segmentation", "tx-udp-segmentation", "tx-gso-list", "tx-tcp-accecn-segmentation",
    ];

    private static readonly string[] NicOnByDefault =
    [
        "rx-checksum", "tx-checksum-ipv4", "tx-checksum-ipv6", "tx-checksum-sctp", "tx-scatter-gather",
        "tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation",
        "tx-udp-segmentation", "tx-generic-segmentation", "rx-gro", "rx-hashing", "rx-vlan-hw-parse", "tx-vlan-hw-insert",
    ];

    private static readonly string[] NicOffByDefault = ["rx-lro", "rx-gro-hw", "rx-ntuple-filter", "tx-nocache-copy"];
}
