using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary><c>struct if_nameindex</c> from libc: index 0 and a null name end the array.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InterfaceNameIndexEntry
{
    public uint Index;
    public nint Name;
}
