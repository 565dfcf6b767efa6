namespace DscOffload.Windows.Registry;

/// <summary>
/// One NDIS keyword of an adapter's driver key: its effective value (the stored value, or the
/// driver's <c>Ndi\params</c> default when none is stored), what the driver accepts, and how the
/// stored value is typed.
/// </summary>
/// <param name="Name">The keyword, a standardized one (starting with an asterisk) or one of the driver's own.</param>
/// <param name="Value">The effective value as text.</param>
/// <param name="ValidValues">The values of <c>Ndi\params\&lt;keyword&gt;\enum</c>; empty when the driver lists none.</param>
/// <param name="Minimum">The <c>Min</c> of a numeric keyword, when given.</param>
/// <param name="Maximum">The <c>Max</c> of a numeric keyword, when given.</param>
/// <param name="StoredKind">The registry type of the stored value, or null when only the default applies.</param>
/// <param name="Step">The <c>Step</c> of a numeric keyword, when given (counted from <paramref name="Minimum"/>).</param>
internal sealed record NdisKeyword(string Name, string Value, IReadOnlyList<string> ValidValues, long? Minimum, long? Maximum, RegistryDataKind? StoredKind, long? Step = null);
