namespace DscOffload.Windows.Settings;

/// <summary>
/// One member of <c>tcpipParameters</c> in <c>DscOffload.Windows/GlobalOffload</c>: its property name, the
/// description the schema shows, and the REG_DWORD value under <see cref="GlobalOffloadSettings.TcpipParametersKey"/>.
/// </summary>
internal sealed record TcpipParameterSetting(string Name, string Description, string RegistryValue);
