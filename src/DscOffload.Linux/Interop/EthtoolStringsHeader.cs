using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>The 12-byte head of <c>struct ethtool_gstrings</c>; <c>len</c> × 32-byte names follow.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolStringsHeader
{
    public uint Cmd;
    public uint StringSet;
    public uint Length;
}
