namespace DscOffload.Linux.Persistence;

/// <summary>A NetworkManager keyfile profile bound to a device.</summary>
/// <param name="Path">The keyfile.</param>
/// <param name="IsInEtc">True when it is in <c>/etc/NetworkManager/system-connections</c>, the only directory whose files NetworkManager keeps as edited (<c>/run</c> holds in-memory profiles, <c>/usr/lib</c> read-only ones).</param>
/// <param name="Lines">Its <c>key=value</c> lines.</param>
internal sealed record NetworkManagerProfile(string Path, bool IsInEtc, IReadOnlyList<LinkFileLine> Lines);
