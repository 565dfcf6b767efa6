using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>
/// A netlink socket (rtnetlink or xfrm) that runs dump requests: one request with NLM_F_DUMP, then
/// every reply message up to NLMSG_DONE. The socket belongs to the network namespace of the thread
/// that created it. Every call returns 0 or the errno (from the socket calls or the kernel's
/// NLMSG_ERROR), so that the caller words the message; it never throws for kernel answers.
/// </summary>
internal sealed unsafe class NetlinkDumpSocket : IDisposable
{
    /// <summary><c>NETLINK_ROUTE</c>.</summary>
    public const int Route = 0;

    /// <summary><c>NETLINK_XFRM</c>.</summary>
    public const int Xfrm = 6;

    private const ushort MessageError = 2;
    private const ushort MessageDone = 3;
    private const ushort RequestFlags = 0x1 | 0x300; // NLM_F_REQUEST | NLM_F_DUMP
    private const int HeaderLength = 16;
    private const int ReceiveBufferLength = 256 * 1024;

    private readonly FileDescriptorHandle _fd;
    private uint _sequence;

    private NetlinkDumpSocket(FileDescriptorHandle fd) => _fd = fd;

    /// <summary>Creates a socket of <paramref name="protocol"/> in the calling thread's namespace; 0 or errno.</summary>
    public static int TryCreate(int protocol, out NetlinkDumpSocket? socket)
    {
        var fd = LibC.Socket(LibC.AddressFamilyNetlink, LibC.SocketTypeRaw | LibC.SocketCloseOnExec, protocol);
        if (fd < 0)
        {
            socket = null;
            return Marshal.GetLastPInvokeError();
        }

        socket = new NetlinkDumpSocket(new FileDescriptorHandle(fd));
        return 0;
    }

    /// <summary>
    /// Sends a dump request of <paramref name="type"/> with <paramref name="body"/> after the header and
    /// collects the payload of every reply message with its type; 0 or errno.
    /// </summary>
    public int Dump(ushort type, ReadOnlySpan<byte> body, out List<(ushort Type, byte[] Payload)> replies)
    {
        replies = [];
        var sequence = ++_sequence;
        var request = new byte[HeaderLength + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)request.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), RequestFlags);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), sequence);
        body.CopyTo(request.AsSpan(HeaderLength));

        // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }: the kernel is pid 0.
        var kernel = stackalloc byte[12];
        new Span<byte>(kernel, 12).Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(kernel, 2), LibC.AddressFamilyNetlink);
        fixed (byte* data = request)
        {
            if (LibC.SendTo(_fd.Number, data, (nuint)request.Length, 0, kernel, 12) < 0)
            {
                return Marshal.GetLastPInvokeError();
            }
        }

        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferLength);
        while (true)
        {
            nint received;
            fixed (byte* data = buffer)
            {
                received = LibC.Receive(_fd.Number, data, (nuint)buffer.Length, 0);
            }

            if (received < 0)
            {
                return Marshal.GetLastPInvokeError();
            }

            var errno = Split(buffer.AsSpan(0, (int)received), sequence, replies, out var done);
            if (errno != 0 || done)
            {
                return errno;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();

    /// <summary>
    /// Splits one datagram into messages: payloads of our sequence go to <paramref name="replies"/>,
    /// NLMSG_ERROR with a code and NLMSG_DONE end the dump. Returns the errno a message carried, or 0.
    /// </summary>
    internal static int Split(ReadOnlySpan<byte> datagram, uint sequence, List<(ushort Type, byte[] Payload)> replies, out bool done)
    {
        done = false;
        var offset = 0;
        while (datagram.Length - offset >= HeaderLength)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram[offset..]);
            if (length < HeaderLength || length > datagram.Length - offset)
            {
                return Errno.EINVAL; // a malformed message; never read past it
            }

            var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[(offset + 4)..]);
            var messageSequence = BinaryPrimitives.ReadUInt32LittleEndian(datagram[(offset + 8)..]);
            var payload = datagram.Slice(offset + HeaderLength, length - HeaderLength);
            offset += (length + 3) & ~3;
            if (messageSequence != sequence)
            {
                continue;
            }

            switch (type)
            {
                case MessageError:
                case MessageDone:
                    var code = payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(payload) : 0;
                    done = true;
                    return code < 0 ? -code : 0;
                default:
                    replies.Add((type, payload.ToArray()));
                    break;
            }
        }

        return 0;
    }
}
