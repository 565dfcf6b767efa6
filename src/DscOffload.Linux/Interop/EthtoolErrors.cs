using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Interop;

/// <summary>
/// The errors <see cref="IEthtoolDevices"/> implementations report, in one place so that the live
/// backend and test doubles say exactly the same thing for the same situation.
/// </summary>
internal static class EthtoolErrors
{
    public const string ReadingFeatureNames = "reading the offload feature names";
    public const string ReadingFeatures = "reading offload features";
    public const string ChangingFeatures = "changing offload features";
    public const string ReadingChannels = "reading channel counts";
    public const string ChangingChannels = "changing channel counts";
    public const string ReadingFlags = "reading interface flags";
    public const string ReadingPermanentAddress = "reading the permanent address";

    /// <summary>ENODEV/ENXIO: the name does not (or no longer) name an interface.</summary>
    public static DscOffloadException InterfaceGone(string interfaceName) =>
        new(ErrorKind.NoMatch, $"interface '{interfaceName}' no longer exists");

    /// <summary>EPERM/EACCES.</summary>
    public static DscOffloadException NeedsRoot(string action, string interfaceName) =>
        new(ErrorKind.ElevationRequired, $"{action} of '{interfaceName}' needs root (CAP_NET_ADMIN)");

    /// <summary>The driver has no channel support at all (GCHANNELS gives EOPNOTSUPP).</summary>
    public static DscOffloadException NoChannelSupport(string interfaceName) =>
        new(ErrorKind.NotSupported, $"the driver of '{interfaceName}' has no channel (queue count) settings");

    /// <summary>A wanted count above the driver's maximum, naming the maximum.</summary>
    public static DscOffloadException ChannelAboveMaximum(string interfaceName, string kind, uint wanted, uint maximum) =>
        new(ErrorKind.InvalidInput, maximum == 0
            ? $"'{interfaceName}' has no {kind} channels (maximum 0), so {kind} cannot be {wanted}"
            : $"{kind} channel count {wanted} for '{interfaceName}' is above its maximum {maximum}");

    /// <summary>Counts within the maximums that the driver still refused (EINVAL), e.g. no rx queue at all.</summary>
    public static DscOffloadException ChannelsRejected(string interfaceName, ChannelCounts wanted, ChannelCounts maximum) =>
        new(ErrorKind.InvalidInput,
            $"the driver of '{interfaceName}' rejected channel counts {Describe(wanted)} (EINVAL); maximums are {Describe(maximum)}");

    /// <summary>Checks every count against its maximum, in rx, tx, other, combined order.</summary>
    public static void CheckMaximums(string interfaceName, ChannelCounts wanted, ChannelCounts maximum)
    {
        Check("rx", wanted.Rx, maximum.Rx);
        Check("tx", wanted.Tx, maximum.Tx);
        Check("other", wanted.Other, maximum.Other);
        Check("combined", wanted.Combined, maximum.Combined);

        void Check(string kind, uint count, uint max)
        {
            if (count > max)
            {
                throw ChannelAboveMaximum(interfaceName, kind, count, max);
            }
        }
    }

    private static string Describe(ChannelCounts counts) =>
        $"rx={counts.Rx}, tx={counts.Tx}, other={counts.Other}, combined={counts.Combined}";
}
