using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Live;

/// <summary>
/// One write of an adapter change (one ModifyInstance, one method call or one registry value), planned and checked
/// before any write runs, with what it applies once it has succeeded.
/// </summary>
internal sealed record AdapterWriteStep(Action Execute, Action<WindowsAdapterChange> MarkApplied);
