namespace DscOffload.Linux.Persistence;

/// <summary>
/// What the NetworkManager backend asks of a running NetworkManager after it edited a keyfile: re-read the file, and
/// re-apply the profile to the device, so that NetworkManager's copy of the profile, the file and the kernel agree.
/// </summary>
internal interface INetworkManagerControl
{
    /// <summary>True when a NetworkManager answers on the system D-Bus; false when it does not run (the files are then read when it starts).</summary>
    bool IsRunning();

    /// <summary>Makes NetworkManager re-read <paramref name="path"/> (<c>nmcli connection load</c>); returns null or why it failed.</summary>
    string? Load(string path);

    /// <summary>Re-applies the active profile of <paramref name="interfaceName"/> (<c>nmcli device reapply</c>); returns null or why it failed.</summary>
    string? Reapply(string interfaceName);
}
