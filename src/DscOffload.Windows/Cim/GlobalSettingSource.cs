namespace DscOffload.Windows.Cim;

/// <summary>One <c>MSFT_NetOffloadGlobalSetting</c> property (uint8) and the enum names of its values.</summary>
internal sealed record GlobalSettingSource(string Name, string CimProperty, IReadOnlyList<string> ValueNames);
