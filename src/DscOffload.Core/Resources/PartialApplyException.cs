using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Resources;

/// <summary>
/// A set that failed after it had already changed something. <see cref="Applied"/> states exactly
/// what was changed (its before/after states and changed properties), so that the operator, the
/// engine's result and the journal all agree on what the host now looks like.
/// </summary>
public sealed class PartialApplyException : DscOffloadException
{
    /// <summary>Creates the error with the failure message and what had been applied.</summary>
    public PartialApplyException(string message, SetOutcome applied, Exception? inner = null)
        : base(ErrorKind.PartiallyApplied, message, null, inner)
    {
        Applied = applied;
    }

    /// <summary>What was changed before the failure.</summary>
    public SetOutcome Applied { get; }
}
