namespace DscOffload.Core.Adapters;

/// <summary>
/// What the platform said while applying changes to one adapter: reasons a change may not have
/// taken effect (for example Linux ETHTOOL_F_WISH) and whether a restart is still pending.
/// </summary>
internal sealed class AdapterApplyReport
{
    /// <summary>Explanations the platform gave for changes it could not make active.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>True when the change is written but takes effect only after an adapter restart.</summary>
    public bool RestartPending { get; set; }

    /// <summary>True when the adapter was restarted to apply the change.</summary>
    public bool Restarted { get; set; }
}
