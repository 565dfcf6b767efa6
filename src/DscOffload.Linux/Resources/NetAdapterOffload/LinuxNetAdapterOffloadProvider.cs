using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Linux.Live;
using DscOffload.Linux.Recorded;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>Creates <c>DscOffload.Linux/NetAdapterOffload</c> for the live host or a recorded one.</summary>
public sealed class LinuxNetAdapterOffloadProvider : IResourceTypeProvider
{
    /// <inheritdoc />
    public ResourceDescriptor Descriptor => LinuxNetAdapterOffloadDescriptor.Descriptor;

    /// <inheritdoc />
    /// <remarks>A constant, so that building the catalog at start-up does not build the descriptor.</remarks>
    public string TypeName => LinuxNetAdapterOffloadDescriptor.TypeName;

    /// <inheritdoc />
    public IResourceType CreateLive()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new DscOffloadException(ErrorKind.NotSupported,
                $"{Descriptor.Type} manages Linux hosts; this host is not Linux (use --against to test recorded state)");
        }

        return new LinuxNetAdapterOffloadResource(LiveEthtoolDevices.Open(), live: true);
    }

    /// <inheritdoc />
    public IResourceType CreateRecorded(RecordedHost host) =>
        new LinuxNetAdapterOffloadResource(new RecordedEthtoolDevices(host, LinuxNetAdapterOffloadDescriptor.TypeName), live: false,
            recording: RecordedNetworkConfigFiles.FromHost(host));
}
