namespace DscOffload.Linux.Platform;

/// <summary>Queue counts of a device (<c>struct ethtool_channels</c>): rx-only, tx-only, other and combined queues.</summary>
internal sealed record ChannelCounts(uint Rx, uint Tx, uint Other, uint Combined);
