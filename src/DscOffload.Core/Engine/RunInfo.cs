namespace DscOffload.Core.Engine;

/// <summary>What a run was: the operation, where it ran, on which document, and when (absent for a host that could not be read).</summary>
public sealed record RunInfo
{
    /// <summary>The operation.</summary>
    public required EngineOperation Operation { get; init; }

    /// <summary>True when the run only predicted changes (dsc's <c>executionType: whatIf</c>).</summary>
    public bool IsWhatIf { get; init; }

    /// <summary>The host name.</summary>
    public required string Host { get; init; }

    /// <summary>True for recorded state.</summary>
    public bool IsRecorded { get; init; }

    /// <summary>The snapshot file, for recorded hosts.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>The document, as given on the command line.</summary>
    public required string DocumentPath { get; init; }

    /// <summary>When and by what the run happened; null when it never started (an unreadable snapshot).</summary>
    public RunTiming? Timing { get; init; }
}
