namespace DscOffload.Windows.Settings;

/// <summary>
/// One typed setting of <c>DscOffload.Windows/NetAdapterOffload</c>, everything about it in one row: its
/// property name and kind, the description the schema shows, the CIM setting-data class and property
/// that hold it (<see cref="CimProperty"/> null: an advanced property of <see cref="CimClass"/>), and the
/// NDIS keyword, the registry value in the adapter's driver key that backs it.
/// </summary>
internal sealed record AdapterOffloadSetting(
    string Name, AdapterSettingKind Kind, string Description, string CimClass, string? CimProperty, string NdisKeyword)
{
    /// <summary>Whether the value is a checksum direction name rather than a boolean.</summary>
    public bool IsChecksum => Kind == AdapterSettingKind.ChecksumDirection;
}
