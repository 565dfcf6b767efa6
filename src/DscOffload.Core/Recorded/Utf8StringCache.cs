using System.Buffers.Binary;
using System.Text;

namespace DscOffload.Core.Recorded;

/// <summary>
/// Strings of short UTF-8 texts, shared: the snapshots of a fleet repeat the same property names and values
/// (<c>lsoIPv4</c>, <c>Disabled</c>) thousands of times, and one string each is enough. A fixed table indexed by a
/// hash; a collision replaces the slot. Entries are immutable, so threads may read and replace them without a lock.
/// </summary>
internal static class Utf8StringCache
{
    private const int MaxCachedBytes = 64;
    private static readonly Entry?[] Slots = new Entry?[4096];

    /// <summary>The string of <paramref name="utf8"/> (valid UTF-8), shared when it is short.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var slot = ref Slots[Hash(utf8) & (uint)(Slots.Length - 1)];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Text;
        }

        var text = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref slot, new Entry(utf8.ToArray(), text));
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

    private sealed record Entry(byte[] Utf8, string Text);
}
