using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Adapters;

/// <summary>
/// A failure while changing one adapter that comes with what the platform knows about the adapter at
/// that point, chiefly that some values were written but take effect only after a restart that did not
/// happen (the write failed half-way, or the restart itself failed). The shared set logic re-reads the
/// adapter to report exactly what changed and marks its <c>adapters</c> entry <c>restartPending</c> when
/// <see cref="Report"/> says so, so that the partial-failure report does not present written values as active.
/// </summary>
internal sealed class AdapterApplyException : DscOffloadException
{
    /// <summary>Wraps <paramref name="failure"/> (keeping its kind) with a message that says what the failure left behind.</summary>
    public AdapterApplyException(DscOffloadException failure, string message, AdapterApplyReport report)
        : base(failure.Kind, message, failure.Location, failure)
    {
        Report = report;
    }

    /// <summary>What the platform said about the adapter when the failure stopped the change.</summary>
    public AdapterApplyReport Report { get; }
}
