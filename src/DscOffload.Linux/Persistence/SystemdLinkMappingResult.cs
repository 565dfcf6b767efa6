namespace DscOffload.Linux.Persistence;

/// <summary>
/// Either the <c>.link</c> settings that persist a desired state, or what of it cannot be persisted.
/// </summary>
internal sealed class SystemdLinkMappingResult
{
    private SystemdLinkMappingResult(SystemdLinkSettings? settings, IReadOnlyList<UnexpressibleSetting> unexpressible)
    {
        Settings = settings;
        Unexpressible = unexpressible;
    }

    /// <summary>The settings to write; null when something cannot be expressed.</summary>
    public SystemdLinkSettings? Settings { get; }

    /// <summary>What cannot be expressed; empty on success.</summary>
    public IReadOnlyList<UnexpressibleSetting> Unexpressible { get; }

    /// <summary>True when every desired setting maps to a <c>.link</c> key.</summary>
    public bool IsExpressible => Settings is not null;

    /// <summary>A successful mapping.</summary>
    public static SystemdLinkMappingResult Expressible(SystemdLinkSettings settings) => new(settings, []);

    /// <summary>A failed mapping with its reasons (at least one).</summary>
    public static SystemdLinkMappingResult NotExpressible(IReadOnlyList<UnexpressibleSetting> unexpressible) => new(null, unexpressible);
}
