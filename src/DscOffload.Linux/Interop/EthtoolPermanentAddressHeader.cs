using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>
/// The 8-byte head of <c>struct ethtool_perm_addr</c>: on entry <c>size</c> is the buffer size, on
/// return the address length; the address bytes follow.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolPermanentAddressHeader
{
    public uint Cmd;
    public uint Size;
}
