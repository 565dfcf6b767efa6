using DscOffload.Core.Resources;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Tests.Engine;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>A test host whose interfaces are <paramref name="devices"/>, serving the Linux resource type.</summary>
internal sealed class FakeLinuxHost(IEthtoolDevices devices) : TestHost
{
    private static readonly ResourceCatalog LinuxCatalog = new([new LinuxNetAdapterOffloadProvider()]);

    public override string Name => "testhost";

    public override ResourceCatalog Catalog => LinuxCatalog;

    protected override IResourceType Create(IResourceTypeProvider provider) => new LinuxNetAdapterOffloadResource(devices, live: false);
}
