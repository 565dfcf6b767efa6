using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>
/// The 8-byte head shared by <c>struct ethtool_gfeatures</c> and <c>struct ethtool_sfeatures</c>:
/// <c>size</c> counts the 32-bit feature blocks that follow.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolFeaturesHeader
{
    public uint Cmd;
    public uint Size;
}
