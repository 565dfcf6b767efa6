using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>The libc calls of the netlink dumps (rtnetlink links, xfrm policies and SAs).</summary>
internal static unsafe partial class LibC
{
    /// <summary><c>AF_NETLINK</c>.</summary>
    public const int AddressFamilyNetlink = 16;

    /// <summary><c>SOCK_RAW</c>.</summary>
    public const int SocketTypeRaw = 3;

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, void* buffer, nuint length, int flags, void* address, uint addressLength);

    [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, void* buffer, nuint length, int flags);
}
