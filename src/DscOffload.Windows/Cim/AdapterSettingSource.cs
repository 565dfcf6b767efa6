namespace DscOffload.Windows.Cim;

/// <summary>
/// Where one adapter setting of the vocabulary lives: a property of a CIM setting-data class (or, when
/// <see cref="CimProperty"/> is null, an advanced property of <see cref="CimClass"/>) and the NDIS
/// keyword that backs it in the driver key.
/// </summary>
internal sealed record AdapterSettingSource(string Name, string CimClass, string? CimProperty, AdapterSettingKind Kind, string NdisKeyword);
