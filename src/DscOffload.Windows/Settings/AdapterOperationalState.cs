namespace DscOffload.Windows.Settings;

/// <summary>
/// A read-only operational state Windows reports next to a setting: whether the configured setting is in
/// effect (<see cref="StateProperty"/>, a CIM boolean) and, when it is not, why (<see cref="ReasonProperty"/>,
/// a uint32 of <see cref="OffloadValueNames.RscFailureReason"/>), both on the setting's own class.
/// </summary>
internal sealed record AdapterOperationalState(string Setting, string CimClass, string StateProperty, string ReasonProperty);
