using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>A changeable (not recorded) target over a test platform; resources are non-live so no test needs elevation.</summary>
public sealed class FakeWindowsTarget(IWindowsOffloadPlatform platform) : HostTarget
{
    public override string Name => platform.HostName;

    public override bool IsRecorded => false;

    protected override IResourceType Create(IResourceTypeProvider provider) =>
        provider.Descriptor.Type == GlobalOffloadDescriptor.TypeName
            ? new GlobalOffloadResource(platform, live: false)
            : new WindowsNetAdapterOffloadResource(platform, live: false);
}
