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

    /// <summary>Where this product's live sets write files, each directory for its own kind of file (see the Linux resource).</summary>
    public static IReadOnlyList<RestorableFileDirectory> FileDirectories() => LinuxNetAdapterOffloadResource.RestorableDirectoriesFromEnvironment();
}
