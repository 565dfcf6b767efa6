namespace DscOffload.Linux.Interop;

/// <summary>
/// Request numbers of the legacy ethtool ioctl interface (<c>include/uapi/linux/ethtool.h</c>) and the
/// socket ioctls used next to it (<c>include/uapi/linux/sockios.h</c>). These numbers are kernel ABI and
/// never change; feature bit positions, by contrast, do and are always resolved by name.
/// </summary>
internal static class EthtoolCommand
{
    /// <summary><c>SIOCETHTOOL</c>: the one socket ioctl that carries every ethtool command.</summary>
    public const uint SiocEthtool = 0x8946;

    /// <summary><c>SIOCGIFFLAGS</c>: interface flags (<c>IFF_*</c>) in <c>ifr_flags</c>.</summary>
    public const uint SiocGetInterfaceFlags = 0x8913;

    /// <summary><c>ETHTOOL_GSTRINGS</c>: names of a string set.</summary>
    public const uint GetStrings = 0x1b;

    /// <summary><c>ETHTOOL_GPERMADDR</c>: permanent hardware address.</summary>
    public const uint GetPermanentAddress = 0x20;

    /// <summary><c>ETHTOOL_GSSET_INFO</c>: sizes of string sets.</summary>
    public const uint GetStringSetInfo = 0x37;

    /// <summary><c>ETHTOOL_GFEATURES</c>: available/requested/active/never-changed feature bits.</summary>
    public const uint GetFeatures = 0x3a;

    /// <summary><c>ETHTOOL_SFEATURES</c>: request feature bits.</summary>
    public const uint SetFeatures = 0x3b;

    /// <summary><c>ETHTOOL_GCHANNELS</c>: queue counts and maximums.</summary>
    public const uint GetChannels = 0x3c;

    /// <summary><c>ETHTOOL_SCHANNELS</c>: set queue counts.</summary>
    public const uint SetChannels = 0x3d;

    /// <summary><c>ETH_SS_FEATURES</c>: the string set naming netdev feature bits.</summary>
    public const uint StringSetFeatures = 4;

    /// <summary><c>ETH_GSTRING_LEN</c>: every string-set entry is this many bytes, NUL-padded.</summary>
    public const int StringLength = 32;

    /// <summary><c>ETHTOOL_F_UNSUPPORTED</c> in the non-negative result of <c>ETHTOOL_SFEATURES</c>.</summary>
    public const int FeatureResultUnsupported = 1;

    /// <summary><c>ETHTOOL_F_WISH</c> in the non-negative result of <c>ETHTOOL_SFEATURES</c>.</summary>
    public const int FeatureResultWish = 2;

    /// <summary><c>IFF_LOOPBACK</c> in <c>ifr_flags</c>.</summary>
    public const short InterfaceFlagLoopback = 0x8;

    /// <summary><c>MAX_ADDR_LEN</c>: the largest hardware address the kernel keeps.</summary>
    public const int MaxAddressLength = 32;
}
