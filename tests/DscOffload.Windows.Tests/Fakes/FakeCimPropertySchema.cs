using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Tests.Fakes;

/// <summary>A documented property of a CIM class: its type and whether clients may write it.</summary>
internal sealed record FakeCimPropertySchema(CimValueType Type, bool ReadOnly);
