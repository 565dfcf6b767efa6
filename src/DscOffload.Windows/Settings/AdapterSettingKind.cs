namespace DscOffload.Windows.Settings;

/// <summary>How an adapter setting's value is spelled in the vocabulary, in CIM and in its NDIS keyword.</summary>
internal enum AdapterSettingKind
{
    /// <summary>bool ↔ CIM boolean ↔ keyword "0"/"1".</summary>
    Boolean,

    /// <summary>Disabled|TxEnabled|RxEnabled|RxTxEnabled ↔ CIM uint32 0..3 ↔ keyword "0".."3".</summary>
    ChecksumDirection,

    /// <summary>bool ↔ CIM boolean ↔ keyword "0" (off) or "1".."3" (AH, ESP, AH and ESP: on).</summary>
    IPsecOffload,

    /// <summary>Closest|ClosestStatic|NUMA|NUMAStatic|Conservative ↔ CIM uint32 1..5 ↔ keyword "1".."5".</summary>
    RssProfile,

    /// <summary>integer 0..255 ↔ CIM uint8 ↔ keyword in decimal.</summary>
    UInt8,

    /// <summary>integer 0..4294967295 ↔ CIM uint32 ↔ keyword in decimal.</summary>
    UInt32,

    /// <summary>integer 0..65535 ↔ CIM uint16 ↔ keyword in decimal (RSS processor groups, NUMA node).</summary>
    UInt16,
}
