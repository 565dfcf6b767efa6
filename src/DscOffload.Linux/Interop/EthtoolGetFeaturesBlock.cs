using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary><c>struct ethtool_get_features_block</c> (16 bytes): 32 feature bits in four views.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolGetFeaturesBlock
{
    public uint Available;
    public uint Requested;
    public uint Active;
    public uint NeverChanged;
}
