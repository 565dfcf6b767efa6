using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Linux.Recorded;

namespace DscOffload.Linux.Resources;

/// <summary>Creates <c>DscOffload.Linux/NetAdapterOffload</c> for the live host or a recorded one.</summary>
public sealed class LinuxNetAdapterOffloadProvider : IResourceTypeProvider
{
    /// <summary>Opens the live kernel interface; set by the live backend when it is available.</summary>
    public static Func<Platform.IEthtoolDevices>? LiveDevices { get; set; }

    /// <inheritdoc />
    public ResourceDescriptor Descriptor => LinuxNetAdapterOffloadDescriptor.Descriptor;

    /// <inheritdoc />
    public IResourceType CreateLive()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new DscOffloadException(ErrorKind.NotSupported,
                $"{Descriptor.Type} manages Linux hosts; this host is not Linux (use --against to test recorded state)");
        }

        var open = LiveDevices ?? throw new DscOffloadException(ErrorKind.NotSupported,
            $"{Descriptor.Type}: no live Linux backend in this build");
        return new LinuxNetAdapterOffloadResource(open(), live: true);
    }

    /// <inheritdoc />
    public IResourceType CreateRecorded(RecordedHost host) =>
        new LinuxNetAdapterOffloadResource(new RecordedEthtoolDevices(host), live: false);
}
