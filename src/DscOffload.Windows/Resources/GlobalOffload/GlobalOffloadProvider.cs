using DscOffload.Core.Resources;
using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Resources.GlobalOffload;

/// <summary>Provider of <c>DscOffload.Windows/GlobalOffload</c>.</summary>
public sealed class GlobalOffloadProvider : WindowsResourceProvider
{
    /// <inheritdoc />
    public override ResourceDescriptor Descriptor => GlobalOffloadDescriptor.Descriptor;

    /// <inheritdoc />
    public override string TypeName => GlobalOffloadDescriptor.TypeName;

    /// <inheritdoc />
    protected override IResourceType Create(IWindowsOffloadPlatform platform, bool live) => new GlobalOffloadResource(platform, live);
}
