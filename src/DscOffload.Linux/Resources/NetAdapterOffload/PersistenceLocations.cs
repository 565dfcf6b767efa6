using DscOffload.Linux.Persistence;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>
/// Where a live run's <c>persist</c> stores read and write, from the two redirecting variables: the <c>.link</c>
/// directory (<see cref="LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable"/>) and the root of the other
/// network configuration (<see cref="LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable"/>). A run that
/// redirects one of them is a test or a staging run and must not touch the host's own files through the other: with
/// only the root, the <c>.link</c> files are derived from it (<c>etc/systemd/network</c> and systemd's other
/// directories below it); with only the <c>.link</c> directory, the stores that would edit the host's NetworkManager
/// or netplan files are refused (<see cref="Refusal"/>).
/// </summary>
/// <param name="LinkDirectory">The redirected <c>.link</c> directory, or null.</param>
/// <param name="ConfigurationRoot">The redirected root of the other network configuration, or null.</param>
/// <param name="OtherLinkDirectories">With <paramref name="LinkDirectory"/>: the other directories whose <c>.link</c> files compete with ours.</param>
internal sealed record PersistenceLocations(string? LinkDirectory, string? ConfigurationRoot, IReadOnlyList<string> OtherLinkDirectories)
{
    /// <summary>The locations the environment of this process names.</summary>
    public static PersistenceLocations FromEnvironment() => new(
        FullPathOrNull(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable),
        FullPathOrNull(LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable),
        [.. (Environment.GetEnvironmentVariable(LinuxNetAdapterOffloadResource.OtherLinkDirectoriesVariable) ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Path.GetFullPath)]);

    /// <summary>The root NetworkManager's and netplan's files are below: the redirected root, else <c>/</c>.</summary>
    public string Root => ConfigurationRoot ?? "/";

    /// <summary>The <c>.link</c> store: the redirected directory; else <c>etc/systemd/network</c> below the redirected root; else the host's.</summary>
    public SystemdLinkFile LinkFiles() =>
        LinkDirectory is not null ? new SystemdLinkFile(LinkDirectory, OtherLinkDirectories)
        : ConfigurationRoot is not null ? new SystemdLinkFile(Path.Combine(ConfigurationRoot, "etc", "systemd", "network"),
            NetplanPersistence.LinkSearchPathBelow(ConfigurationRoot).Directories)
        : new SystemdLinkFile();

    /// <summary>The other network tools: below the redirected root; none when only the <c>.link</c> directory is redirected; else the host's.</summary>
    public OtherNetworkStacks? Stacks() =>
        ConfigurationRoot is not null ? new OtherNetworkStacks(ConfigurationRoot) : LinkDirectory is not null ? null : new OtherNetworkStacks("/");

    /// <summary>
    /// Why <c>persist: <paramref name="persist"/></c> cannot run with these locations (one line), or null when it can:
    /// with only the <c>.link</c> directory redirected, NetworkManager, netplan and Auto would read and write the host's
    /// own <c>/etc/NetworkManager</c> and <c>/etc/netplan</c> (and run <c>netplan generate</c> on the host).
    /// </summary>
    public string? Refusal(string persist) =>
        LinkDirectory is null || ConfigurationRoot is not null
            || persist is not (NetworkManagerPersistence.NetworkManager or NetplanPersistence.Netplan or PersistencePicker.Auto)
            ? null
            : $"persist {persist} with {LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable} set but {LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable} " +
              "not set would read and write the host's own /etc/NetworkManager and /etc/netplan while the .link file goes elsewhere; " +
              $"set {LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable} to the root of the same test or staging tree as well (or neither); nothing was changed";

    private static string? FullPathOrNull(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? Path.GetFullPath(value) : null;
}
