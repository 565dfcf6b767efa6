namespace DscOffload.Linux.Platform;

/// <summary>
/// A network interface as the kernel identifies it. Names can change (udev renames, operators);
/// <see cref="IfIndex"/> and <see cref="PermanentAddress"/> let a user see which device a name meant.
/// </summary>
/// <param name="Name">The interface name (<c>eth0</c>).</param>
/// <param name="IfIndex">The kernel interface index.</param>
/// <param name="PermanentAddress">The permanent hardware address (<c>aa:bb:…</c>) where the driver reports one.</param>
/// <param name="IsLoopback">True for loopback devices, which selections skip unless asked.</param>
internal sealed record LinuxInterface(string Name, int IfIndex, string? PermanentAddress, bool IsLoopback);
