namespace DscOffload.Windows.Settings;

/// <summary>
/// One host-wide switch of <c>DscOffload.Windows/GlobalOffload</c> backed by a uint8 property of
/// <c>MSFT_NetOffloadGlobalSetting</c>: its property name, the enum names of its values (indexed by the
/// number CIM stores), the description the schema shows and the CIM property; <see cref="Effect"/> the Windows
/// versions where it has an effect (null: every version that has the class).
/// </summary>
internal sealed record GlobalOffloadSetting(string Name, IReadOnlyList<string> ValueNames, string Description, string CimProperty, WindowsEffect? Effect = null)
{
    /// <summary>The Windows versions where the setting has an effect.</summary>
    public WindowsEffect Windows => Effect ?? WindowsEffect.Unrestricted;
}
