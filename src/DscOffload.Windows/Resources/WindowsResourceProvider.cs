using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Windows.Live;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Recorded;

namespace DscOffload.Windows.Resources;

/// <summary>
/// Creates the Windows resource types for the live host or a recorded one. Both types share one
/// platform per target, so a recorded host is indexed once.
/// </summary>
public abstract class WindowsResourceProvider : IResourceTypeProvider
{
    /// <inheritdoc />
    public abstract ResourceDescriptor Descriptor { get; }

    /// <inheritdoc />
    /// <remarks>A constant, so that building the catalog at start-up does not build the descriptor.</remarks>
    public abstract string TypeName { get; }

    /// <inheritdoc />
    public IResourceType CreateLive()
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new DscOffloadException(ErrorKind.NotSupported,
                $"{Descriptor.Type} manages Windows hosts; this host is not Windows (run it with --against to test recorded state)");
        }

        return Create(LiveWindowsOffloadPlatform.Create(), live: true);
    }

    /// <inheritdoc />
    public IResourceType CreateRecorded(RecordedHost host) => Create(new RecordedWindowsPlatform(host), live: false);

    /// <summary>Creates the resource over a platform.</summary>
    protected abstract IResourceType Create(IWindowsOffloadPlatform platform, bool live);
}
