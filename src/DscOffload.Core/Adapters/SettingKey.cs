namespace DscOffload.Core.Adapters;

/// <summary>
/// Names one offload setting of an adapter: a top-level property (<c>lsoIPv4</c>) or a member of a
/// map/object property (<c>features</c> + <c>rx-gro</c>, <c>advancedProperties</c> + <c>*JumboPacket</c>).
/// </summary>
internal readonly record struct SettingKey(string Property, string? Member = null)
{
    /// <summary>Dotted form used in messages: <c>features.rx-gro</c>.</summary>
    public override string ToString() => Member is null ? Property : $"{Property}.{Member}";

    /// <summary>
    /// A hash of each name's length and three of its characters instead of the record's hash of the whole strings
    /// (randomized string hashing was about 3% of a fleet run's CPU, in the state writer's sets and maps). Equal keys
    /// still hash alike; keys that collide only cost a comparison, and the sets and maps enumerate in insertion order
    /// whatever the hash, so nothing written changes.
    /// </summary>
    public override int GetHashCode() => (Sample(Property) * 31) ^ (Member is null ? 0 : Sample(Member));

    private static int Sample(string text) =>
        text.Length == 0 ? 0 : (text.Length * 0x01000193) ^ (text[0] << 7) ^ (text[text.Length / 2] << 14) ^ (text[^1] << 21);
}
