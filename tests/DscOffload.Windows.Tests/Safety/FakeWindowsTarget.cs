using DscOffload.Core.Resources;
using DscOffload.Tests.Engine;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>A test host over <paramref name="platform"/>, serving both Windows resource types.</summary>
public sealed class FakeWindowsTarget(IWindowsOffloadPlatform platform) : TestHost
{
    private static readonly ResourceCatalog WindowsCatalog = new([new GlobalOffloadProvider(), new WindowsNetAdapterOffloadProvider()]);

    public override string Name => platform.HostName;

    public override ResourceCatalog Catalog => WindowsCatalog;

    protected override IResourceType Create(IResourceTypeProvider provider) =>
        provider.Descriptor.Type == GlobalOffloadDescriptor.TypeName
            ? new GlobalOffloadResource(platform, live: false)
            : new WindowsNetAdapterOffloadResource(platform, live: false);
}
