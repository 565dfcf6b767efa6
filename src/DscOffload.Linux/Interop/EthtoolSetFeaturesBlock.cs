using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary><c>struct ethtool_set_features_block</c> (8 bytes): which of 32 bits to change, and to what.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolSetFeaturesBlock
{
    public uint Valid;
    public uint Requested;
}
