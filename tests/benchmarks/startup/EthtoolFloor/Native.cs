using System.Runtime.InteropServices;

/// <summary>The libc calls of the floor program.</summary>
internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "if_nameindex")]
    public static partial NameIndexEntry* IfNameIndex();

    [LibraryImport("libc", EntryPoint = "if_freenameindex")]
    public static partial void FreeNameIndex(NameIndexEntry* entries);
}

/// <summary>One <c>struct if_nameindex</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NameIndexEntry
{
    public uint Index;
    public nint Name;
}
