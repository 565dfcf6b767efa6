namespace DscOffload.Linux.Persistence;

/// <summary>
/// What systemd-udevd compares a <c>.link</c> file's <c>[Match]</c> section with, as far as dscoffload knows it for a
/// device: a fact that is null is unknown, and a match key that needs it cannot be decided.
/// </summary>
/// <param name="Name">The interface name (used for <c>OriginalName=</c>: udevd matches the kernel's name before any rename).</param>
/// <param name="PermanentAddress">The permanent hardware address, or null when the device has none.</param>
/// <param name="CurrentAddress">The current hardware address, or null when unknown.</param>
/// <param name="Properties">The device's udev properties (<c>ID_PATH</c>, <c>ID_NET_DRIVER</c>, ...), or null when unknown.</param>
internal sealed record LinkDeviceFacts(
    string Name,
    string? PermanentAddress,
    string? CurrentAddress,
    IReadOnlyDictionary<string, string>? Properties);
