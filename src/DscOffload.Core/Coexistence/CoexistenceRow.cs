namespace DscOffload.Core.Coexistence;

/// <summary>
/// One row of a coexistence table: a condition a host can be in (an IPsec policy applied, Hyper-V
/// running, a bond device) and what it means for each offload it affects. The row id is also the name
/// of the boolean property that reports the condition in the OffloadCoexistence resource types.
/// </summary>
public sealed class CoexistenceRow
{
    /// <summary>The condition id, camelCase (<c>ipsecPolicy</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The condition as a sentence (<c>An IPsec policy is applied</c>).</summary>
    public required string Condition { get; init; }

    /// <summary>Where the fact comes from (<c>KB 951037</c>).</summary>
    public required string Source { get; init; }

    /// <summary>What the condition means, in our own words.</summary>
    public required string Explanation { get; init; }

    /// <summary>How the resource types detect the condition.</summary>
    public required string Detection { get; init; }

    /// <summary>A later source that disagrees, if any.</summary>
    public CoexistenceNuance? Nuance { get; init; }

    /// <summary>Offload name → what the condition means for it. Offloads not listed are unaffected as far as the sources say.</summary>
    public required IReadOnlyDictionary<string, CoexistenceEffect> Effects { get; init; }
}
