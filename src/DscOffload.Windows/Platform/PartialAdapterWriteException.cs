using DscOffload.Core.Diagnostics;

namespace DscOffload.Windows.Platform;

/// <summary>
/// A <see cref="IWindowsOffloadPlatform.WriteAdapter"/> that failed after it had already written part
/// of the change. <see cref="Applied"/> holds exactly what was written, so the resource can report
/// it (and journal it) instead of guessing. <see cref="DscOffloadException.Kind"/> is the kind of the
/// failure that stopped the write (for example <c>NotSupported</c>), not <c>PartiallyApplied</c>:
/// the resource decides how to aggregate.
/// </summary>
internal sealed class PartialAdapterWriteException : DscOffloadException
{
    /// <summary>Creates the error from the failure that stopped the write.</summary>
    public PartialAdapterWriteException(DscOffloadException failure, WindowsAdapterChange applied)
        : base(failure.Kind, failure.Message, failure.Location, failure)
    {
        Applied = applied;
    }

    /// <summary>What had been written before the failure.</summary>
    public WindowsAdapterChange Applied { get; }
}
