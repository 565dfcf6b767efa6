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
}
