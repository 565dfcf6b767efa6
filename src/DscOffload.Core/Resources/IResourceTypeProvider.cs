using DscOffload.Core.Recorded;

namespace DscOffload.Core.Resources;

/// <summary>
/// Creates instances of one resource type bound to a target: the live host or one recorded host.
/// The same resource logic runs on both; only the platform behind it differs.
/// </summary>
public interface IResourceTypeProvider
{
    /// <summary>The type this provider creates.</summary>
    ResourceDescriptor Descriptor { get; }

    /// <summary>
    /// The DSC type name. Every process builds the catalog, so a provider whose descriptor is costly to
    /// build (one derived from data) answers this without building it.
    /// </summary>
    string TypeName => Descriptor.Type;

    /// <summary>
    /// The type bound to the live host. Throws <see cref="Diagnostics.DscOffloadException"/>
    /// (<c>NotSupported</c>) when this OS has no live backend for the type.
    /// </summary>
    IResourceType CreateLive();

    /// <summary>The type bound to a recorded host (read-only).</summary>
    IResourceType CreateRecorded(RecordedHost host);
}
