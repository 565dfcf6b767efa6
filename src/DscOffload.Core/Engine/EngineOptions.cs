using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>How the engine runs a document.</summary>
public sealed class EngineOptions
{
    /// <summary>Predict set instead of applying it.</summary>
    public bool WhatIf { get; init; }

    /// <summary>Skip instances of types that are not DscOffload's, with a warning, instead of failing.</summary>
    public bool IgnoreForeignTypes { get; init; }

    /// <summary>The least severe message level kept in results (fleet runs keep warnings and errors only).</summary>
    public MessageLevel MessageLevel { get; init; } = MessageLevel.Information;

    /// <summary>The product version written into result metadata.</summary>
    public string Version { get; init; } = ProductVersion.Value;

    /// <summary>Called for each message as it happens (for stderr tracing), in addition to the result.</summary>
    public Action<ResourceMessage>? OnMessage { get; init; }

    /// <summary>
    /// The least severe level <see cref="OnMessage"/> does anything with (all by default); with the result's
    /// <see cref="MessageLevel"/> it tells resources which messages they need not build at all.
    /// </summary>
    internal MessageLevel OnMessageLevel { get; init; } = MessageLevel.Trace;

    /// <summary>
    /// Called after each instance of get, test or set has run, in order. The command line uses it only for its
    /// documented test hook (a pause between the instances of a live set, so a test can kill a run mid-change).
    /// </summary>
    public Action<EngineInstance>? AfterInstance { get; init; }

    /// <summary>
    /// Asked, in order, for advice on each host once its instances ran (the coexistence advisor); their messages
    /// follow the instances' own. None by default.
    /// </summary>
    public IReadOnlyList<IResultAdvisor> Advisors { get; init; } = [];

    /// <summary>The root of the system the configuration applies to (<c>systemRoot()</c>, dsc's <c>--system-root</c>); null for the process's own.</summary>
    public string? SystemRoot { get; init; }

    /// <summary>
    /// Whether the process runs elevated (administrator or root), checked against a document's <c>securityContext</c>
    /// directive; the process's own by default.
    /// </summary>
    public bool IsElevated { get; init; } = Environment.IsPrivilegedProcess;

    /// <summary>Cancellation.</summary>
    public CancellationToken Cancellation { get; init; }
}
