using System.Runtime.InteropServices;
using System.Text;

namespace DscOffload.Linux.Interop;

/// <summary>
/// <c>struct ifreq</c> on LP64: a 16-byte NUL-terminated name followed by a 24-byte union, 40 bytes in
/// all. Only the union members this library uses are declared; they all start at offset 16.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct InterfaceRequest
{
    /// <summary>The size the kernel copies in and out.</summary>
    public const int Size = 40;

    /// <summary><c>IFNAMSIZ</c>, including the terminating NUL.</summary>
    public const int NameCapacity = 16;

    /// <summary><c>ifr_name</c>.</summary>
    [FieldOffset(0)]
    public fixed byte Name[NameCapacity];

    /// <summary><c>ifr_data</c>: the user buffer of an ethtool command.</summary>
    [FieldOffset(16)]
    public nint Data;

    /// <summary><c>ifr_ifindex</c>.</summary>
    [FieldOffset(16)]
    public int IfIndex;

    /// <summary><c>ifr_flags</c>.</summary>
    [FieldOffset(16)]
    public short Flags;

    /// <summary>
    /// Fills <c>ifr_name</c>. False when the name cannot name any interface (empty, too long for
    /// <c>IFNAMSIZ</c>, or containing NUL), which callers report as "no such interface".
    /// </summary>
    public static bool TryCreate(string interfaceName, out InterfaceRequest request)
    {
        request = default;
        if (interfaceName.Length == 0 || interfaceName.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var byteCount = Encoding.UTF8.GetByteCount(interfaceName);
        if (byteCount >= NameCapacity)
        {
            return false;
        }

        fixed (byte* name = request.Name)
        {
            Encoding.UTF8.GetBytes(interfaceName, new Span<byte>(name, NameCapacity));
        }

        return true;
    }
}
