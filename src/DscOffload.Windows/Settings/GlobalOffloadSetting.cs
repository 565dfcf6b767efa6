namespace DscOffload.Windows.Settings;

/// <summary>
/// One host-wide switch of <c>DscOffload.Windows/GlobalOffload</c> backed by a uint8 property of
/// <c>MSFT_NetOffloadGlobalSetting</c>: its property name, the enum names of its values (indexed by the
/// number CIM stores), the description the schema shows and the CIM property.
/// </summary>
internal sealed record GlobalOffloadSetting(string Name, IReadOnlyList<string> ValueNames, string Description, string CimProperty);
