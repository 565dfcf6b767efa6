namespace DscOffload.Windows.Settings;

/// <summary>
/// One typed setting of <c>DscOffload.Windows/NetAdapterOffload</c>, everything about it in one row: its
/// property name and kind, the description the schema shows, the CIM setting-data class and property
/// that hold it (<see cref="CimProperty"/> null: an advanced property of <see cref="CimClass"/>), and the
/// NDIS keyword, the registry value in the adapter's driver key that backs it. <see cref="GroupedNdisKeyword"/> is
/// the standardized keyword some drivers expose instead, for TCP and UDP together (same 0..3 values).
/// <see cref="Minimum"/> is the smallest value a number may be set to where the documentation gives one above 0.
/// <see cref="Effect"/> gives the Windows versions where the setting has an effect (null: every version).
/// </summary>
internal sealed record AdapterOffloadSetting(
    string Name, AdapterSettingKind Kind, string Description, string CimClass, string? CimProperty, string NdisKeyword, string? GroupedNdisKeyword = null,
    long Minimum = 0, WindowsEffect? Effect = null)
{
    /// <summary>The Windows versions where the setting has an effect.</summary>
    public WindowsEffect Windows => Effect ?? WindowsEffect.Unrestricted;

    /// <summary>The keyword, then the grouped keyword when the setting has one: the driver keywords that hold this setting.</summary>
    public IReadOnlyList<string> NdisKeywords => GroupedNdisKeyword is null ? [NdisKeyword] : [NdisKeyword, GroupedNdisKeyword];

    /// <summary>Whether the value is a checksum direction name rather than a boolean.</summary>
    public bool IsChecksum => Kind == AdapterSettingKind.ChecksumDirection;

    /// <summary>Whether the value is a whole number (the CIM property is an unsigned integer that counts or numbers something).</summary>
    public bool IsNumber => Kind is AdapterSettingKind.UInt8 or AdapterSettingKind.UInt16 or AdapterSettingKind.UInt32;

    /// <summary>Whether the value is true or false.</summary>
    public bool IsBoolean => Kind is AdapterSettingKind.Boolean or AdapterSettingKind.IPsecOffload;

    /// <summary>The enum names of a named setting (checksum direction, RSS profile), or null for booleans and numbers.</summary>
    public IReadOnlyList<string>? ValueNames => Kind switch
    {
        AdapterSettingKind.ChecksumDirection => OffloadValueNames.ChecksumDirection,
        AdapterSettingKind.RssProfile => OffloadValueNames.RssProfile,
        _ => null,
    };

    /// <summary>The number CIM and the keyword store for the first of <see cref="ValueNames"/>.</summary>
    public uint FirstValueNumber => Kind == AdapterSettingKind.RssProfile ? 1u : 0u;

    /// <summary>The largest number the CIM property's type holds (numbers only).</summary>
    public long Maximum => Kind switch
    {
        AdapterSettingKind.UInt8 => byte.MaxValue,
        AdapterSettingKind.UInt16 => ushort.MaxValue,
        _ => uint.MaxValue,
    };
}
