namespace DscOffload.Linux.Persistence;

/// <summary>
/// A desired setting a systemd <c>.link</c> file cannot express, and why. With <c>persist: SystemdLink</c>
/// each one is an error, because the setting would silently not survive a reboot.
/// </summary>
/// <param name="Setting">A kernel feature name (<c>tx-scatter-gather</c>) or a channel field (<c>channels.rx</c>).</param>
/// <param name="Reason">One line an operator can act on.</param>
internal sealed record UnexpressibleSetting(string Setting, string Reason);
