using System.Runtime.InteropServices;
using System.Text;

namespace DscOffload.Linux.Interop;

/// <summary>
/// An <c>AF_INET</c> datagram socket used only as a handle for interface ioctls. Interface names are
/// resolved in the network namespace the socket was created in, whatever thread later uses it.
/// Every call returns 0 or the <c>errno</c>, so that the caller, which knows what it was doing, writes
/// the message. A name that cannot be an interface name at all yields <see cref="Errno.ENODEV"/>.
/// Not thread-safe, like its owner: it must not be disposed while a call is running.
/// </summary>
internal sealed unsafe class EthtoolSocket : IDisposable
{
    private readonly FileDescriptorHandle _fd;

    private EthtoolSocket(FileDescriptorHandle fd) => _fd = fd;

    /// <summary>Creates the socket in the calling thread's network namespace; 0 or errno.</summary>
    public static int TryCreate(out EthtoolSocket? socket)
    {
        var fd = LibC.Socket(LibC.AddressFamilyInet, LibC.SocketTypeDatagram | LibC.SocketCloseOnExec, 0);
        if (fd < 0)
        {
            socket = null;
            return Marshal.GetLastPInvokeError();
        }

        socket = new EthtoolSocket(new FileDescriptorHandle(fd));
        return 0;
    }

    /// <summary><c>ETHTOOL_GSSET_INFO</c> for <c>ETH_SS_FEATURES</c>: how many feature names exist.</summary>
    public int GetFeatureNameCount(string interfaceName, out int count)
    {
        var info = new EthtoolStringSetInfo
        {
            Cmd = EthtoolCommand.GetStringSetInfo,
            StringSetMask = 1UL << (int)EthtoolCommand.StringSetFeatures,
        };
        var errno = Ethtool(interfaceName, &info, out _);
        // The kernel clears the mask bit of a set it does not have.
        count = errno == 0 && (info.StringSetMask & (1UL << (int)EthtoolCommand.StringSetFeatures)) != 0 ? (int)info.Count : 0;
        return errno;
    }

    /// <summary><c>ETHTOOL_GSTRINGS</c> for <c>ETH_SS_FEATURES</c>: the names in bit order.</summary>
    public int GetFeatureNames(string interfaceName, int count, out string[] names)
    {
        var headerSize = sizeof(EthtoolStringsHeader);
        var buffer = new byte[headerSize + (count * EthtoolCommand.StringLength)];
        var header = new EthtoolStringsHeader
        {
            Cmd = EthtoolCommand.GetStrings,
            StringSet = EthtoolCommand.StringSetFeatures,
            Length = (uint)count,
        };
        MemoryMarshal.Write(buffer, in header);
        int errno;
        fixed (byte* data = buffer)
        {
            errno = Ethtool(interfaceName, data, out _);
        }

        names = [];
        if (errno != 0)
        {
            return errno;
        }

        header = MemoryMarshal.Read<EthtoolStringsHeader>(buffer);
        var returned = Math.Min((int)header.Length, count);
        names = new string[returned];
        for (var i = 0; i < returned; i++)
        {
            var entry = buffer.AsSpan(headerSize + (i * EthtoolCommand.StringLength), EthtoolCommand.StringLength);
            var end = entry.IndexOf((byte)0);
            names[i] = Encoding.UTF8.GetString(end < 0 ? entry : entry[..end]);
        }

        return 0;
    }

    /// <summary><c>ETHTOOL_GFEATURES</c> with <paramref name="blockCount"/> blocks.</summary>
    public int GetFeatures(string interfaceName, int blockCount, out EthtoolGetFeaturesBlock[] blocks)
    {
        var headerSize = sizeof(EthtoolFeaturesHeader);
        var buffer = new byte[headerSize + (blockCount * sizeof(EthtoolGetFeaturesBlock))];
        var header = new EthtoolFeaturesHeader { Cmd = EthtoolCommand.GetFeatures, Size = (uint)blockCount };
        MemoryMarshal.Write(buffer, in header);
        int errno;
        fixed (byte* data = buffer)
        {
            errno = Ethtool(interfaceName, data, out _);
        }

        blocks = errno == 0
            ? MemoryMarshal.Cast<byte, EthtoolGetFeaturesBlock>(buffer.AsSpan(headerSize)).ToArray()
            : [];
        return errno;
    }

    /// <summary><c>ETHTOOL_SFEATURES</c>; <paramref name="resultFlags"/> gets the non-negative return value.</summary>
    public int SetFeatures(string interfaceName, ReadOnlySpan<EthtoolSetFeaturesBlock> blocks, out int resultFlags)
    {
        var headerSize = sizeof(EthtoolFeaturesHeader);
        var blockBytes = MemoryMarshal.AsBytes(blocks);
        var buffer = new byte[headerSize + blockBytes.Length];
        var header = new EthtoolFeaturesHeader { Cmd = EthtoolCommand.SetFeatures, Size = (uint)blocks.Length };
        MemoryMarshal.Write(buffer, in header);
        blockBytes.CopyTo(buffer.AsSpan(headerSize));
        fixed (byte* data = buffer)
        {
            return Ethtool(interfaceName, data, out resultFlags);
        }
    }

    /// <summary><c>ETHTOOL_GCHANNELS</c>.</summary>
    public int GetChannels(string interfaceName, out EthtoolChannels channels)
    {
        channels = new EthtoolChannels { Cmd = EthtoolCommand.GetChannels };
        fixed (EthtoolChannels* data = &channels)
        {
            return Ethtool(interfaceName, data, out _);
        }
    }

    /// <summary><c>ETHTOOL_SCHANNELS</c> (the command field is set here).</summary>
    public int SetChannels(string interfaceName, EthtoolChannels channels)
    {
        channels.Cmd = EthtoolCommand.SetChannels;
        return Ethtool(interfaceName, &channels, out _);
    }

    /// <summary>
    /// <c>ETHTOOL_GPERMADDR</c>: the permanent address bytes; empty when the device has none.
    /// </summary>
    public int GetPermanentAddress(string interfaceName, out byte[] address)
    {
        var headerSize = sizeof(EthtoolPermanentAddressHeader);
        var buffer = new byte[headerSize + EthtoolCommand.MaxAddressLength];
        var header = new EthtoolPermanentAddressHeader
        {
            Cmd = EthtoolCommand.GetPermanentAddress,
            Size = EthtoolCommand.MaxAddressLength,
        };
        MemoryMarshal.Write(buffer, in header);
        int errno;
        fixed (byte* data = buffer)
        {
            errno = Ethtool(interfaceName, data, out _);
        }

        address = [];
        if (errno == 0)
        {
            header = MemoryMarshal.Read<EthtoolPermanentAddressHeader>(buffer);
            var length = (int)Math.Min(header.Size, (uint)EthtoolCommand.MaxAddressLength);
            address = buffer.AsSpan(headerSize, length).ToArray();
        }

        return errno;
    }

    /// <summary><c>SIOCGIFFLAGS</c>: the <c>IFF_*</c> flags.</summary>
    public int GetInterfaceFlags(string interfaceName, out short flags)
    {
        flags = 0;
        if (!InterfaceRequest.TryCreate(interfaceName, out var request))
        {
            return Errno.ENODEV;
        }

        if (LibC.Ioctl(_fd.Number, EthtoolCommand.SiocGetInterfaceFlags, &request) < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        flags = request.Flags;
        return 0;
    }

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();

    private int Ethtool(string interfaceName, void* command, out int result)
    {
        result = 0;
        if (!InterfaceRequest.TryCreate(interfaceName, out var request))
        {
            return Errno.ENODEV;
        }

        request.Data = (nint)command;
        result = LibC.Ioctl(_fd.Number, EthtoolCommand.SiocEthtool, &request);
        return result < 0 ? Marshal.GetLastPInvokeError() : 0;
    }
}
