using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>
/// <c>struct ethtool_sset_info</c> asking about exactly one string set: a 16-byte header followed by
/// one <c>u32</c> of <c>data[]</c>. The kernel writes 20 bytes; the struct is 24 because of the
/// 8-byte alignment of <c>sset_mask</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolStringSetInfo
{
    public uint Cmd;
    public uint Reserved;
    public ulong StringSetMask;
    public uint Count;
}
