namespace DscOffload.Core.Safety;

/// <summary>
/// What became of the change a journal entry was written for. The entry is written as
/// <see cref="Pending"/> before the first change and updated when the change ends, so an entry that stays
/// pending belongs to a run that was killed or crashed: its outcome is unknown and rolling it back is safe.
/// </summary>
public enum JournalStatus
{
    /// <summary>Written before the change; the change has not reported an outcome (still running, killed or crashed).</summary>
    Pending,

    /// <summary>The change completed.</summary>
    Applied,

    /// <summary>The change failed after changing some settings (exit code 7).</summary>
    Partial,

    /// <summary>The change failed before changing anything.</summary>
    Failed,

    /// <summary>A later <c>dscoffload rollback</c> restored the state this entry saved.</summary>
    RolledBack,
}
