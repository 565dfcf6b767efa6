namespace DscOffload.Linux.Persistence;

/// <summary>
/// An offload setting that another part of the host's network stack keeps and re-applies (at boot, on reconnect or
/// when a profile is activated), found in its configuration.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Stack">Who applies it (<c>NetworkManager</c>, <c>netplan</c>, <c>ifupdown</c>, <c>udev rule</c>).</param>
/// <param name="Feature">A kernel feature name or pattern (<c>rx-gro</c>, <c>tx-checksum-*</c>), or an ethtool alias.</param>
/// <param name="On">The value it sets.</param>
internal sealed record PersistedOffload(string Path, int Line, string Stack, string Feature, bool On);
