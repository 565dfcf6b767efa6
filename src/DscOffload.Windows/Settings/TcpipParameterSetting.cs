namespace DscOffload.Windows.Settings;

/// <summary>
/// One member of <c>tcpipParameters</c> in <c>DscOffload.Windows/GlobalOffload</c>: its property name, the
/// description the schema shows, and the REG_DWORD value under <see cref="GlobalOffloadSettings.TcpipParametersKey"/>
/// (true turns the feature on, except <c>disableTaskOffload</c>); <see cref="Effect"/> the Windows versions where the
/// value has an effect (null: every version).
/// </summary>
internal sealed record TcpipParameterSetting(string Name, string Description, string RegistryValue, WindowsEffect? Effect = null)
{
    /// <summary>The Windows versions where the value has an effect.</summary>
    public WindowsEffect Windows => Effect ?? WindowsEffect.Unrestricted;
}
