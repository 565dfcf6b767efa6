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

        // FNV-1a: cheap for a few dozen bytes, and spreads the table's slots well enough.
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        ref var slot = ref Slots[hash & (uint)(Slots.Length - 1)];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Text;
        }

        var text = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref slot, new Entry(utf8.ToArray(), text));
        return text;
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
