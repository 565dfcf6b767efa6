namespace DscOffload.Reporting.Drift;

/// <summary>
/// What the engine ran against one host, from the envelope's <c>metadata</c>: which document, against
/// which target (live host or recorded snapshot), which operation, and when. Renderers show it so a
/// reviewer can tell which recorded state a drift claim rests on.
/// </summary>
/// <param name="Document">The desired-state document path as given on the command line, when known.</param>
/// <param name="Target">The target kind (<c>live</c> or <c>recorded</c>), when known.</param>
/// <param name="Snapshot">The recorded snapshot path the state came from, when the target is recorded state.</param>
/// <param name="Operation">The DSC operation (<c>test</c>, <c>set</c>, <c>get</c>).</param>
/// <param name="IsWhatIf">True for <c>set --what-if</c>: current is the before-state and desired the predicted after-state.</param>
/// <param name="StartDatetime">When the run on this host started, as the engine wrote it.</param>
/// <param name="Duration">How long the run on this host took, when given.</param>
public sealed record HostRunInfo(
    string? Document,
    string? Target,
    string? Snapshot,
    string Operation,
    bool IsWhatIf,
    string? StartDatetime,
    TimeSpan? Duration);
