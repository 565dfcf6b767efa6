using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>
/// The few libc entry points the live ethtool backend needs. Source-generated marshalling with
/// blittable arguments only, so it works under Native AOT; <c>SetLastError</c> keeps <c>errno</c>.
/// Descriptors cross as <c>int</c>, exactly as C declares them (a SafeHandle would be pointer-sized
/// and turn -1 into a large positive number); <see cref="FileDescriptorHandle"/> owns them afterwards.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    /// <summary><c>AF_INET</c>.</summary>
    public const int AddressFamilyInet = 2;

    /// <summary><c>SOCK_DGRAM</c>.</summary>
    public const int SocketTypeDatagram = 2;

    /// <summary><c>SOCK_CLOEXEC</c>: no descriptor leaks into child processes.</summary>
    public const int SocketCloseOnExec = 0x80000;

    /// <summary><c>O_RDONLY | O_CLOEXEC</c>.</summary>
    public const int OpenReadOnlyCloseOnExec = 0x80000;

    /// <summary><c>CLONE_NEWNET</c>: the namespace type for <c>setns</c>.</summary>
    public const int CloneNewNet = 0x40000000;

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNamespace(int fd, int namespaceType);

    [LibraryImport(Library, EntryPoint = "if_nameindex", SetLastError = true)]
    public static partial InterfaceNameIndexEntry* InterfaceNameIndex();

    [LibraryImport(Library, EntryPoint = "if_freenameindex")]
    public static partial void FreeInterfaceNameIndex(InterfaceNameIndexEntry* entries);
}
