using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Windows.Persistence;
using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Resources.NetAdapterOffload;

/// <summary>Provider of <c>DscOffload.Windows/NetAdapterOffload</c>.</summary>
public sealed class WindowsNetAdapterOffloadProvider : WindowsResourceProvider
{
    /// <inheritdoc />
    public override ResourceDescriptor Descriptor => WindowsNetAdapterOffloadDescriptor.Descriptor;

    /// <inheritdoc />
    public override string TypeName => WindowsNetAdapterOffloadDescriptor.TypeName;

    /// <inheritdoc />
    protected override IResourceType Create(IWindowsOffloadPlatform platform, bool live) =>
        new WindowsNetAdapterOffloadResource(platform, live, live ? new PendingRestartLedger(StateDirectory.Resolve()) : null);
}
