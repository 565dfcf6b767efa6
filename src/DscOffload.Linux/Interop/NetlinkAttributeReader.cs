using System.Buffers.Binary;

namespace DscOffload.Linux.Interop;

/// <summary>
/// Walks netlink attributes (<c>struct nlattr</c>: u16 length including the 4-byte header, u16 type,
/// payload, padded to 4 bytes). The type is returned without the NLA_F_NESTED and
/// NLA_F_NET_BYTEORDER flag bits. A truncated attribute ends the walk instead of reading past the buffer.
/// </summary>
internal ref struct NetlinkAttributeReader
{
    private const ushort TypeMask = 0x3fff;
    private ReadOnlySpan<byte> _rest;

    /// <summary>Reads the attributes in <paramref name="attributes"/>.</summary>
    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes) => _rest = attributes;

    /// <summary>The next attribute, or false at the end.</summary>
    public bool TryNext(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (_rest.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
        if (length < 4 || length > _rest.Length)
        {
            _rest = default;
            return false;
        }

        type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(_rest[2..]) & TypeMask);
        value = _rest[4..length];
        var aligned = (length + 3) & ~3;
        _rest = aligned >= _rest.Length ? default : _rest[aligned..];
        return true;
    }

    /// <summary>A NUL-terminated string attribute's text.</summary>
    public static string Text(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }
}
