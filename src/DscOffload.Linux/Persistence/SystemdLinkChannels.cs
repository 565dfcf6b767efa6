namespace DscOffload.Linux.Persistence;

/// <summary>
/// Channel counts a <c>.link</c> file sets; null fields are not written, and systemd then leaves that
/// count as the driver has it.
/// </summary>
internal sealed record SystemdLinkChannels(uint? Rx, uint? Tx, uint? Other, uint? Combined)
{
    /// <summary>No channel keys.</summary>
    public static SystemdLinkChannels None { get; } = new(null, null, null, null);

    /// <summary>True when no count is set.</summary>
    public bool IsEmpty => Rx is null && Tx is null && Other is null && Combined is null;
}
