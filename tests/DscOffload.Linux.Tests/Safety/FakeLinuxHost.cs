using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Resources.NetAdapterOffload;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>
/// A live-like target over test devices: the engine sees an ordinary changeable host (not recorded state), and
/// the resource is built non-live so no test needs root.
/// </summary>
public sealed class FakeLinuxHost(IEthtoolDevices devices) : HostTarget
{
    public override string Name => "testhost";

    public override bool IsRecorded => false;

    protected override IResourceType Create(IResourceTypeProvider provider) => new LinuxNetAdapterOffloadResource(devices, live: false);
}
