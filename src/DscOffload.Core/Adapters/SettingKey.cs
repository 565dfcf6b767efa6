namespace DscOffload.Core.Adapters;

/// <summary>
/// Names one offload setting of an adapter: a top-level property (<c>lsoIPv4</c>) or a member of a
/// map/object property (<c>features</c> + <c>rx-gro</c>, <c>advancedProperties</c> + <c>*JumboPacket</c>).
/// </summary>
internal readonly record struct SettingKey(string Property, string? Member = null)
{
    /// <summary>Dotted form used in messages: <c>features.rx-gro</c>.</summary>
    public override string ToString() => Member is null ? Property : $"{Property}.{Member}";
}
