using System.Buffers.Binary;
using DscOffload.Linux.Interop;

namespace DscOffload.Linux.Coexistence;

/// <summary>
/// Reads RTM_NEWLINK replies of an rtnetlink link dump: <c>struct ifinfomsg</c> (16 bytes) followed by
/// IFLA_IFNAME, IFLA_MASTER and the nested IFLA_LINKINFO (kind, slave kind, bond mode).
/// </summary>
internal static class RtnetlinkLinkParser
{
    /// <summary>RTM_NEWLINK: the type of link dump replies.</summary>
    public const ushort NewLink = 16;

    /// <summary>RTM_GETLINK.</summary>
    public const ushort GetLink = 18;

    /// <summary>The request body of a link dump: an all-zero <c>struct ifinfomsg</c> (every family, every link).</summary>
    public static ReadOnlySpan<byte> DumpRequest => new byte[16];

    private const int InterfaceInfoLength = 16;
    private const ushort Name = 3;
    private const ushort MasterIndex = 10;
    private const ushort LinkInfo = 18;
    private const ushort InfoKind = 1;
    private const ushort InfoData = 2;
    private const ushort InfoSlaveKind = 4;
    private const ushort BondModeAttribute = 1;

    /// <summary>One link, or null when the payload is too short or has no name.</summary>
    public static NetlinkLink? Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < InterfaceInfoLength)
        {
            return null;
        }

        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        string? name = null, kind = null, slaveKind = null;
        var master = 0;
        byte? bondMode = null;
        var attributes = new NetlinkAttributeReader(payload[InterfaceInfoLength..]);
        while (attributes.TryNext(out var type, out var value))
        {
            switch (type)
            {
                case Name:
                    name = NetlinkAttributeReader.Text(value);
                    break;
                case MasterIndex when value.Length >= 4:
                    master = BinaryPrimitives.ReadInt32LittleEndian(value);
                    break;
                case LinkInfo:
                    ReadLinkInfo(value, ref kind, ref slaveKind, ref bondMode);
                    break;
            }
        }

        return name is null ? null : new NetlinkLink(index, name, kind, slaveKind, master, kind == "bond" ? bondMode : null);
    }

    private static void ReadLinkInfo(ReadOnlySpan<byte> info, ref string? kind, ref string? slaveKind, ref byte? bondMode)
    {
        var nested = new NetlinkAttributeReader(info);
        while (nested.TryNext(out var type, out var value))
        {
            switch (type)
            {
                case InfoKind:
                    kind = NetlinkAttributeReader.Text(value);
                    break;
                case InfoSlaveKind:
                    slaveKind = NetlinkAttributeReader.Text(value);
                    break;
                case InfoData:
                    var data = new NetlinkAttributeReader(value);
                    while (data.TryNext(out var dataType, out var dataValue))
                    {
                        if (dataType == BondModeAttribute && dataValue.Length >= 1)
                        {
                            bondMode = dataValue[0];
                        }
                    }

                    break;
            }
        }
    }
}
