using System.Globalization;
using System.Runtime.InteropServices;
using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Interop;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Live;

/// <summary>
/// The kernel itself, through the legacy ethtool ioctl (<c>SIOCETHTOOL</c>) on an <c>AF_INET</c> datagram
/// socket: no program is started, and the same calls work on every kernel since 2.6.39. Feature names
/// come from the kernel's <c>ETH_SS_FEATURES</c> string set, read once per interface per instance, so
/// bit positions are never assumed.
/// </summary>
/// <remarks>
/// An instance is bound to one network namespace: the socket is created in it, and interface
/// enumeration (<c>if_nameindex</c>, a netlink dump in the calling thread's namespace) runs in it.
/// Not thread-safe; use one instance per operation. Dispose closes the socket and namespace file.
/// </remarks>
internal sealed class LiveEthtoolDevices : IEthtoolDevices, IDisposable
{
    private readonly EthtoolSocket _socket;
    private readonly NetworkNamespace? _namespace;
    private readonly Dictionary<string, EthtoolStringSet> _stringSets = new(StringComparer.Ordinal);

    private LiveEthtoolDevices(EthtoolSocket socket, NetworkNamespace? networkNamespace)
    {
        _socket = socket;
        _namespace = networkNamespace;
    }

    /// <summary>The <c>ip netns</c> name this instance works in, or null for the caller's own namespace.</summary>
    public string? NamespaceName => _namespace?.Name;

    /// <summary>Opens the interfaces of the calling thread's network namespace (the normal case).</summary>
    /// <exception cref="DscOffloadException">NotSupported on anything but Linux.</exception>
    public static LiveEthtoolDevices Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw NotLinux();
        }

        return new LiveEthtoolDevices(CreateSocket(), null);
    }

    /// <summary>
    /// Opens the interfaces of the named network namespace (<c>/var/run/netns/&lt;name&gt;</c>, as
    /// <c>ip netns add</c> creates). Lets tests and operators work on interfaces of an isolated namespace
    /// without touching the host's. Needs root (entering a namespace needs CAP_SYS_ADMIN).
    /// </summary>
    /// <exception cref="DscOffloadException">NotSupported off Linux; NoMatch when the namespace does not exist; ElevationRequired without privileges.</exception>
    public static LiveEthtoolDevices OpenInNamespace(string netnsName)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw NotLinux();
        }

        var networkNamespace = NetworkNamespace.Open(netnsName);
        try
        {
            var socket = networkNamespace.Run(CreateSocket);
            return new LiveEthtoolDevices(socket, networkNamespace);
        }
        catch
        {
            networkNamespace.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<LinuxInterface> ListInterfaces()
    {
        var (errno, entries) = _namespace is null ? ListNames() : _namespace.Run(ListNames);
        if (errno != 0)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"listing network interfaces failed: {DescribeErrno(errno)}");
        }

        var interfaces = new List<LinuxInterface>(entries.Count);
        foreach (var (name, ifIndex) in entries)
        {
            errno = _socket.GetInterfaceFlags(name, out var flags);
            if (IsGone(errno))
            {
                continue; // removed between enumeration and this call
            }

            if (errno != 0)
            {
                throw KernelError(errno, name, EthtoolErrors.ReadingFlags);
            }

            errno = _socket.GetPermanentAddress(name, out var address);
            if (IsGone(errno))
            {
                continue;
            }

            if (errno != 0 && errno != Errno.EOPNOTSUPP)
            {
                throw KernelError(errno, name, EthtoolErrors.ReadingPermanentAddress);
            }

            var isLoopback = (flags & EthtoolCommand.InterfaceFlagLoopback) != 0;
            interfaces.Add(new LinuxInterface(name, ifIndex, FormatHardwareAddress(address), isLoopback));
        }

        interfaces.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return interfaces;
    }

    /// <inheritdoc />
    public EthtoolFeatureSet GetFeatures(string interfaceName)
    {
        var stringSet = StringSetOf(interfaceName);
        return stringSet.Decode(ReadFeatureBlocks(interfaceName, stringSet));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Never-changeable features (<c>NETIF_F_NEVER_CHANGE</c>) are left out of the request, because the
    /// kernel rejects the whole call with EINVAL for them; they are reported like fixed features, as
    /// <see cref="FeatureChangeResult.SomeUnsupported"/>. An unknown name is InvalidInput.
    /// </remarks>
    public FeatureChangeResult SetFeatures(string interfaceName, IReadOnlyDictionary<string, bool> wanted)
    {
        if (wanted.Count == 0)
        {
            return new FeatureChangeResult(SomeUnsupported: false, Wish: false);
        }

        var stringSet = StringSetOf(interfaceName);
        foreach (var name in wanted.Keys)
        {
            if (!stringSet.TryGetBit(name, out _))
            {
                throw stringSet.UnknownFeature(interfaceName, name);
            }
        }

        var current = stringSet.Decode(ReadFeatureBlocks(interfaceName, stringSet));
        var requestable = wanted.Where(w => !(current.TryGet(w.Key, out var state) && state.NeverChangeable)).ToList();
        var someNeverChangeable = requestable.Count < wanted.Count;
        if (requestable.Count == 0)
        {
            return new FeatureChangeResult(SomeUnsupported: true, Wish: false);
        }

        var blocks = stringSet.BuildSetBlocks(interfaceName, requestable);
        var errno = _socket.SetFeatures(interfaceName, blocks, out var flags);
        if (errno != 0)
        {
            throw KernelError(errno, interfaceName, EthtoolErrors.ChangingFeatures);
        }

        return new FeatureChangeResult(
            SomeUnsupported: someNeverChangeable || (flags & EthtoolCommand.FeatureResultUnsupported) != 0,
            Wish: (flags & EthtoolCommand.FeatureResultWish) != 0);
    }

    /// <inheritdoc />
    public ChannelInfo? GetChannels(string interfaceName)
    {
        var errno = _socket.GetChannels(interfaceName, out var channels);
        if (errno == Errno.EOPNOTSUPP)
        {
            return null;
        }

        if (errno != 0)
        {
            throw KernelError(errno, interfaceName, EthtoolErrors.ReadingChannels);
        }

        return new ChannelInfo(
            new ChannelCounts(channels.RxCount, channels.TxCount, channels.OtherCount, channels.CombinedCount),
            new ChannelCounts(channels.MaxRx, channels.MaxTx, channels.MaxOther, channels.MaxCombined));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The maximums are checked here first so that the message can name them; the kernel would only
    /// say EINVAL.
    /// </remarks>
    public void SetChannels(string interfaceName, ChannelCounts wanted)
    {
        var info = GetChannels(interfaceName) ?? throw EthtoolErrors.NoChannelSupport(interfaceName);
        EthtoolErrors.CheckMaximums(interfaceName, wanted, info.Maximum);

        var errno = _socket.SetChannels(interfaceName, new EthtoolChannels
        {
            RxCount = wanted.Rx,
            TxCount = wanted.Tx,
            OtherCount = wanted.Other,
            CombinedCount = wanted.Combined,
        });
        if (errno == Errno.EINVAL)
        {
            throw EthtoolErrors.ChannelsRejected(interfaceName, wanted, info.Maximum);
        }

        if (errno != 0)
        {
            throw KernelError(errno, interfaceName, EthtoolErrors.ChangingChannels);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _socket.Dispose();
        _namespace?.Dispose();
    }

    /// <summary>Formats a hardware address as <c>aa:bb:…</c>; null when absent or all zero (not set).</summary>
    internal static string? FormatHardwareAddress(ReadOnlySpan<byte> address)
    {
        if (address.IsEmpty || !address.ContainsAnyExcept((byte)0))
        {
            return null;
        }

        return string.Join(":", address.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static EthtoolSocket CreateSocket()
    {
        var errno = EthtoolSocket.TryCreate(out var socket);
        return errno == 0
            ? socket!
            : throw new DscOffloadException(ErrorKind.Unexpected, $"creating a socket for ethtool requests failed: {DescribeErrno(errno)}");
    }

    private static (int Errno, List<(string Name, int IfIndex)> Entries) ListNames()
    {
        var errno = InterfaceNameIndex.TryList(out var entries);
        return (errno, entries);
    }

    private EthtoolStringSet StringSetOf(string interfaceName)
    {
        if (_stringSets.TryGetValue(interfaceName, out var cached))
        {
            return cached;
        }

        var errno = _socket.GetFeatureNameCount(interfaceName, out var count);
        if (errno == 0 && count == 0)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"the kernel reported no offload feature names for '{interfaceName}'");
        }

        if (errno == 0)
        {
            errno = _socket.GetFeatureNames(interfaceName, count, out var names);
            if (errno == 0)
            {
                var stringSet = new EthtoolStringSet(names);
                _stringSets[interfaceName] = stringSet;
                return stringSet;
            }
        }

        throw KernelError(errno, interfaceName, EthtoolErrors.ReadingFeatureNames);
    }

    private EthtoolGetFeaturesBlock[] ReadFeatureBlocks(string interfaceName, EthtoolStringSet stringSet)
    {
        var errno = _socket.GetFeatures(interfaceName, stringSet.BlockCount, out var blocks);
        return errno == 0 ? blocks : throw KernelError(errno, interfaceName, EthtoolErrors.ReadingFeatures);
    }

    private static bool IsGone(int errno) => errno is Errno.ENODEV or Errno.ENXIO;

    private static DscOffloadException KernelError(int errno, string interfaceName, string action) => errno switch
    {
        Errno.ENODEV or Errno.ENXIO => EthtoolErrors.InterfaceGone(interfaceName),
        Errno.EPERM or Errno.EACCES => EthtoolErrors.NeedsRoot(action, interfaceName),
        Errno.EOPNOTSUPP => new(ErrorKind.NotSupported, $"the driver of '{interfaceName}' does not support {action} (EOPNOTSUPP)"),
        Errno.EINVAL => new(ErrorKind.InvalidInput, $"the kernel rejected {action} of '{interfaceName}' as invalid (EINVAL)"),
        _ => new(ErrorKind.Unexpected, $"{action} of '{interfaceName}' failed: {DescribeErrno(errno)}"),
    };

    private static string DescribeErrno(int errno) => $"{Errno.Describe(errno)}, {Marshal.GetPInvokeErrorMessage(errno)}";

    private static DscOffloadException NotLinux() =>
        new(ErrorKind.NotSupported, "Linux network interfaces can only be read and changed on Linux");
}
