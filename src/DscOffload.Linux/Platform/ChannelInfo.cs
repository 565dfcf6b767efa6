namespace DscOffload.Linux.Platform;

/// <summary>Current queue counts of a device and the maximums its driver allows.</summary>
internal sealed record ChannelInfo(ChannelCounts Current, ChannelCounts Maximum);
