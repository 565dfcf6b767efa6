namespace DscOffload.Windows.Cim;

/// <summary>
/// The CIM property types the offload platform reads and writes. The classes it uses declare their
/// switches as <c>boolean</c>, <c>uint8</c> (global enums), <c>uint32</c> (checksum directions,
/// return codes) and <c>string[]</c> (advanced property values); other types are carried only where a
/// class key or identity needs them.
/// </summary>
internal enum CimValueType
{
    /// <summary>CIM <c>string</c> (.NET <see cref="string"/>).</summary>
    String,

    /// <summary>CIM <c>boolean</c> (.NET <see cref="bool"/>).</summary>
    Boolean,

    /// <summary>CIM <c>uint8</c> (.NET <see cref="byte"/>).</summary>
    UInt8,

    /// <summary>CIM <c>uint16</c> (.NET <see cref="ushort"/>).</summary>
    UInt16,

    /// <summary>CIM <c>uint32</c> (.NET <see cref="uint"/>).</summary>
    UInt32,

    /// <summary>CIM <c>uint64</c> (.NET <see cref="ulong"/>).</summary>
    UInt64,

    /// <summary>CIM <c>string[]</c> (.NET read-only list of <see cref="string"/>).</summary>
    StringArray,
}
