using DscOffload.Core.Diagnostics;

namespace DscOffload.Windows.Platform;

/// <summary>
/// A <see cref="IWindowsOffloadPlatform.WriteGlobal"/> that failed after it had already written part
/// of the change (for example the CIM settings, but not every registry value). <see cref="Applied"/>
/// holds exactly what was written; <see cref="DscOffloadException.Kind"/> is the kind of the failure
/// that stopped the write.
/// </summary>
internal sealed class PartialGlobalWriteException : DscOffloadException
{
    /// <summary>Creates the error from the failure that stopped the write.</summary>
    public PartialGlobalWriteException(DscOffloadException failure, GlobalOffloadState applied)
        : base(failure.Kind, failure.Message, failure.Location, failure)
    {
        Applied = applied;
    }

    /// <summary>What had been written before the failure.</summary>
    public GlobalOffloadState Applied { get; }
}
