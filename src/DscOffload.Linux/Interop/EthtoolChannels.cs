using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary><c>struct ethtool_channels</c> (36 bytes) for <c>ETHTOOL_GCHANNELS</c>/<c>ETHTOOL_SCHANNELS</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolChannels
{
    public uint Cmd;
    public uint MaxRx;
    public uint MaxTx;
    public uint MaxOther;
    public uint MaxCombined;
    public uint RxCount;
    public uint TxCount;
    public uint OtherCount;
    public uint CombinedCount;
}
