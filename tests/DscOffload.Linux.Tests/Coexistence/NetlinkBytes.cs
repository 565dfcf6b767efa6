using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace DscOffload.Linux.Tests.Coexistence;

/// <summary>
/// Builds netlink messages and attributes byte by byte as the kernel lays them out (little-endian host
/// order, 4-byte aligned attributes; struct offsets of linux/xfrm.h and linux/rtnetlink.h on LP64), so
/// the parsers can be tested without a kernel.
/// </summary>
public static class NetlinkBytes
{
    public static byte[] Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        var length = 4 + value.Length;
        var bytes = new byte[(length + 3) & ~3];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), type);
        value.CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    public static byte[] Text(ushort type, string text) => Attribute(type, Encoding.UTF8.GetBytes(text + "\0"));

    public static byte[] U32(ushort type, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    public static byte[] Nested(ushort type, params byte[][] attributes) => Attribute((ushort)(type | 0x8000), attributes.SelectMany(a => a).ToArray());

    public static byte[] Message(ushort type, uint sequence, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[(16 + payload.Length + 3) & ~3];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)(16 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), type);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), sequence);
        payload.CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    /// <summary>struct ifinfomsg (16 bytes) + attributes.</summary>
    public static byte[] Link(int index, params byte[][] attributes)
    {
        var info = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(4), index);
        return [.. info, .. attributes.SelectMany(a => a)];
    }

    /// <summary>struct xfrm_selector (56 bytes) for IPv4.</summary>
    public static byte[] Selector(string source, byte sourcePrefix, string destination, byte destinationPrefix, byte protocol, ushort destinationPort = 0)
    {
        var s = new byte[56];
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(s, 0);
        IPAddress.Parse(source).GetAddressBytes().CopyTo(s, 16);
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(32), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(34), (ushort)(destinationPort == 0 ? 0 : 0xffff));
        BinaryPrimitives.WriteUInt16LittleEndian(s.AsSpan(40), 2);
        s[42] = destinationPrefix;
        s[43] = sourcePrefix;
        s[44] = protocol;
        return s;
    }

    /// <summary>struct xfrm_userpolicy_info (168 bytes) + attributes.</summary>
    public static byte[] Policy(byte[] selector, byte direction, byte action, uint index, params byte[][] attributes)
    {
        var p = new byte[168];
        selector.CopyTo(p, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(156), index);
        p[160] = direction;
        p[161] = action;
        return [.. p, .. attributes.SelectMany(a => a)];
    }

    /// <summary>struct xfrm_user_tmpl (64 bytes).</summary>
    public static byte[] Template(byte protocol, byte mode, string source = "0.0.0.0", string destination = "0.0.0.0")
    {
        var t = new byte[64];
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(t, 0);
        t[20] = protocol;
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(24), 2);
        IPAddress.Parse(source).GetAddressBytes().CopyTo(t, 28);
        t[48] = mode;
        return t;
    }

    /// <summary>struct xfrm_usersa_info (224 bytes) for IPv4 + attributes.</summary>
    public static byte[] State(string source, string destination, uint spi, byte protocol, byte mode, params byte[][] attributes)
    {
        var s = new byte[224];
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(s, 56);
        BinaryPrimitives.WriteUInt32BigEndian(s.AsSpan(72), spi);
        s[76] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(s, 80);
        BinaryPrimitives.WriteUInt16LittleEndian(s.AsSpan(212), 2);
        s[214] = mode;
        return [.. s, .. attributes.SelectMany(a => a)];
    }

    /// <summary>XFRMA_OFFLOAD_DEV: struct xfrm_user_offload { int ifindex; u8 flags; }.</summary>
    public static byte[] Offload(int ifindex, byte flags)
    {
        var o = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(o, ifindex);
        o[4] = flags;
        return Attribute(28, o);
    }
}
