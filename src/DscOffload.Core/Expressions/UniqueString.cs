using System.Buffers.Binary;
using System.Text;

namespace DscOffload.Core.Expressions;

/// <summary>
/// dsc's <c>uniqueString()</c>: MurmurHash64A (seed 0) of the UTF-8 text, its 8 little-endian bytes written in
/// lower-case RFC 4648 base32 without padding, so the same inputs give the same 13 characters as under dsc.
/// </summary>
internal static class UniqueString
{
    private const ulong Multiplier = 0xc6a4a7935bd1e995UL;
    private const int Shift = 47;

    public static string Of(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var hash = Murmur64A(bytes);
        Span<byte> little = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(little, hash);
        return Base32(little);
    }

    private static ulong Murmur64A(byte[] data)
    {
        var h = 0UL ^ ((ulong)data.Length * Multiplier);
        var blocks = data.Length / 8;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(i * 8, 8));
            k *= Multiplier;
            k ^= k >> Shift;
            k *= Multiplier;
            h ^= k;
            h *= Multiplier;
        }

        var tail = data.AsSpan(blocks * 8);
        if (tail.Length > 0)
        {
            for (var i = tail.Length - 1; i >= 0; i--)
            {
                h ^= (ulong)tail[i] << (8 * i);
            }

            h *= Multiplier;
        }

        h ^= h >> Shift;
        h *= Multiplier;
        h ^= h >> Shift;
        return h;
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var result = new StringBuilder();
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                result.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            result.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return result.ToString();
    }
}
