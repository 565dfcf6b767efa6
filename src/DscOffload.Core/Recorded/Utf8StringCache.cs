using System.Buffers.Binary;
using System.Text;

namespace DscOffload.Core.Recorded;

/// <summary>
/// Strings of short UTF-8 texts, shared: the snapshots of a fleet repeat the same property names and values
/// (<c>lsoIPv4</c>, <c>Disabled</c>) thousands of times, and one string each is enough. A fixed table indexed by a
/// hash; a collision replaces the slot. Strings are immutable, so threads may read and replace slots without a lock.
/// </summary>
internal static class Utf8StringCache
{
    private const int MaxCachedBytes = 64;
    private static readonly string?[] Slots = new string?[4096];

    /// <summary>The string of <paramref name="utf8"/> (valid UTF-8), shared when it is short ASCII.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // The slot holds the string itself: an ASCII text equals its UTF-8 bytes char for char, so no copy of the bytes
        // is kept and a lookup reads one object. Other texts are decoded each time.
        ref var slot = ref Slots[Hash(utf8) & (uint)(Slots.Length - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        var text = Encoding.UTF8.GetString(utf8);
        if (text.Length == utf8.Length)
        {
            Volatile.Write(ref slot, text);
        }

        return text;
    }

    /// <summary>
    /// The length and the first and last eight bytes, mixed: constant time, and names that differ only in their middle
    /// are rare (a collision only costs a string). Shorter texts are read as one number.
    /// </summary>
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        ulong head, tail;
        if (utf8.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]);
        }
        else
        {
            Span<byte> padded = stackalloc byte[8];
            padded.Clear();
            utf8.CopyTo(padded);
            head = BinaryPrimitives.ReadUInt64LittleEndian(padded);
            tail = 0;
        }

        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length;
        return (uint)(mixed ^ (mixed >> 29) ^ (mixed >> 47));
    }
}
