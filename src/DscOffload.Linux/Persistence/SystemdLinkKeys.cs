namespace DscOffload.Linux.Persistence;

/// <summary>
/// The <c>[Link]</c> keys of systemd <c>.link</c> files that dscoffload reads and writes, with the kernel
/// features they map to (systemd's <c>link-config-gperf.gperf</c> and <c>ethtool-util.c</c>). Features not
/// listed here, such as <c>tx-scatter-gather</c> or <c>rx-hashing</c>, have no <c>.link</c> key at all.
/// </summary>
internal static class SystemdLinkKeys
{
    /// <summary><c>[Match]</c> key matching the device's permanent hardware address.</summary>
    public const string PermanentMacAddress = "PermanentMACAddress";

    /// <summary><c>[Match]</c> key matching the name the kernel gave the device, before any udev rename.</summary>
    public const string OriginalName = "OriginalName";

    /// <summary><c>[Link]</c> key giving the device its name.</summary>
    public const string Name = "Name";

    /// <summary><c>[Link]</c> receive channel count.</summary>
    public const string RxChannels = "RxChannels";

    /// <summary><c>[Link]</c> transmit channel count.</summary>
    public const string TxChannels = "TxChannels";

    /// <summary><c>[Link]</c> other channel count.</summary>
    public const string OtherChannels = "OtherChannels";

    /// <summary><c>[Link]</c> combined channel count.</summary>
    public const string CombinedChannels = "CombinedChannels";

    /// <summary>The feature keys, in the order dscoffload writes them.</summary>
    public static IReadOnlyList<SystemdLinkFeatureKey> FeatureKeys { get; } =
    [
        new("ReceiveChecksumOffload", "rx-checksum", IsPrefix: false),
        new("TransmitChecksumOffload", "tx-checksum-", IsPrefix: true),
        new("TCPSegmentationOffload", "tx-tcp-segmentation", IsPrefix: false),
        new("TCP6SegmentationOffload", "tx-tcp6-segmentation", IsPrefix: false),
        new("GenericSegmentationOffload", "tx-generic-segmentation", IsPrefix: false),
        new("GenericReceiveOffload", "rx-gro", IsPrefix: false),
        new("GenericReceiveOffloadHardware", "rx-gro-hw", IsPrefix: false),
        new("LargeReceiveOffload", "rx-lro", IsPrefix: false),
        new("ReceiveVLANCTAGHardwareAcceleration", "rx-vlan-hw-parse", IsPrefix: false),
        new("TransmitVLANCTAGHardwareAcceleration", "tx-vlan-hw-insert", IsPrefix: false),
        new("ReceiveVLANCTAGFilter", "rx-vlan-filter", IsPrefix: false),
        new("TransmitVLANSTAGHardwareAcceleration", "tx-vlan-stag-hw-insert", IsPrefix: false),
        new("NTupleFilter", "rx-ntuple-filter", IsPrefix: false),
    ];

    /// <summary>The channel keys, in the order dscoffload writes them.</summary>
    public static IReadOnlyList<string> ChannelKeys { get; } = [RxChannels, TxChannels, OtherChannels, CombinedChannels];

    /// <summary>The key that sets <paramref name="featureName"/>, or null when no <c>.link</c> key does.</summary>
    public static SystemdLinkFeatureKey? ForFeature(string featureName) =>
        FeatureKeys.FirstOrDefault(k => k.Covers(featureName));

    /// <summary>The feature key named <paramref name="key"/>, or null.</summary>
    public static SystemdLinkFeatureKey? ByKey(string key) =>
        FeatureKeys.FirstOrDefault(k => k.Key == key);
}
