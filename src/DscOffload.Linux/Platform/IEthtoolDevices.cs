namespace DscOffload.Linux.Platform;

/// <summary>
/// The narrow kernel interface the Linux resource needs: enumerate interfaces, read and change
/// features by name, read and change queue counts. The live implementation talks to the kernel's
/// ethtool interface; the recorded one replays a snapshot; tests use in-memory fakes.
/// </summary>
/// <remarks>
/// Failures are <see cref="Core.Diagnostics.DscOffloadException"/>s: an interface that vanished is
/// <c>NoMatch</c>, missing privileges <c>ElevationRequired</c>, an operation the driver lacks
/// <c>NotSupported</c>, a value the driver rejects <c>InvalidInput</c>.
/// </remarks>
internal interface IEthtoolDevices
{
    /// <summary>Every interface in the target's network namespace, sorted by name.</summary>
    IReadOnlyList<LinuxInterface> ListInterfaces();

    /// <summary>All named features of <paramref name="interfaceName"/>.</summary>
    EthtoolFeatureSet GetFeatures(string interfaceName);

    /// <summary>Requests the given features (kernel names → on/off) in one call; others are left as they are.</summary>
    FeatureChangeResult SetFeatures(string interfaceName, IReadOnlyDictionary<string, bool> wanted);

    /// <summary>Queue counts, or null when the driver has no channel support.</summary>
    ChannelInfo? GetChannels(string interfaceName);

    /// <summary>Sets the queue counts (all four fields are written; read them first).</summary>
    void SetChannels(string interfaceName, ChannelCounts wanted);
}
