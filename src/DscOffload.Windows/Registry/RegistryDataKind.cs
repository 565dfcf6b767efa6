namespace DscOffload.Windows.Registry;

/// <summary>The registry value types the offload settings use (others are reported as <see cref="Other"/>).</summary>
internal enum RegistryDataKind
{
    /// <summary>REG_SZ: NDIS keywords are stored this way, even when numeric ("0", "1", "3").</summary>
    String,

    /// <summary>REG_EXPAND_SZ.</summary>
    ExpandString,

    /// <summary>REG_DWORD: the Tcpip\Parameters switches; some drivers store keywords this way too.</summary>
    DWord,

    /// <summary>REG_QWORD.</summary>
    QWord,

    /// <summary>REG_MULTI_SZ.</summary>
    MultiString,

    /// <summary>REG_BINARY or any other type.</summary>
    Other,
}
