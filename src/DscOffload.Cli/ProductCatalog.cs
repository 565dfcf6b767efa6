using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Linux.Coexistence;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Windows.Coexistence;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;

namespace DscOffload.Cli;

/// <summary>The resource types this product ships, in manifest order.</summary>
public static class ProductCatalog
{
    /// <summary>Creates the catalog.</summary>
    public static ResourceCatalog Create() => new(
    [
        new GlobalOffloadProvider(),
        new WindowsNetAdapterOffloadProvider(),
        new LinuxNetAdapterOffloadProvider(),
        new WindowsOffloadCoexistenceProvider(),
        new LinuxOffloadCoexistenceProvider(),
    ]);

    /// <summary>
    /// Where this product's live sets write files (the Linux <c>.link</c> directory first, then netplan's and
    /// NetworkManager's keyfile directory), each for its own kind of file, read from the environment when asked.
    /// </summary>
    public static IReadOnlyList<RestorableFileDirectory> FileDirectories() =>
    [
        new(LinuxNetAdapterOffloadResource.LinkFilesFromEnvironment().Directory, LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable)
        {
            Kind = RestorableFileKind.SystemdLink,
        },
        new(Path.Combine(LinuxNetAdapterOffloadResource.NetplanRootFromEnvironment(), "etc", "netplan"), LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable)
        {
            Kind = RestorableFileKind.Netplan,
        },
        new(LinuxNetAdapterOffloadResource.NetworkManagerProfileDirectoryFromEnvironment(), LinuxNetAdapterOffloadResource.NetworkConfigurationRootVariable)
        {
            Kind = RestorableFileKind.NetworkManagerProfile,
        },
    ];
}
