namespace DscOffload.Linux.Persistence;

/// <summary>
/// netplan's offload keys of <c>ethernets</c> definitions and the systemd <c>.link</c> keys <c>netplan generate</c>
/// renders them into (netplan(5), "Properties for physical device types"). netplan has no key for the other
/// <c>.link</c> feature keys, nor for queue counts.
/// </summary>
internal static class NetplanOffloadKeys
{
    /// <summary>netplan key and the <c>.link</c> key it becomes, in the order dscoffload writes them.</summary>
    public static IReadOnlyList<(string Netplan, string Link)> All { get; } =
    [
        ("receive-checksum-offload", "ReceiveChecksumOffload"),
        ("transmit-checksum-offload", "TransmitChecksumOffload"),
        ("tcp-segmentation-offload", "TCPSegmentationOffload"),
        ("tcp6-segmentation-offload", "TCP6SegmentationOffload"),
        ("generic-segmentation-offload", "GenericSegmentationOffload"),
        ("generic-receive-offload", "GenericReceiveOffload"),
        ("large-receive-offload", "LargeReceiveOffload"),
    ];

    /// <summary>The netplan key that renders into <paramref name="linkKey"/>, or null when netplan has none.</summary>
    public static string? ForLinkKey(string linkKey) => All.FirstOrDefault(k => k.Link == linkKey).Netplan;

    /// <summary>The netplan keys, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(k => k.Netplan));
}
