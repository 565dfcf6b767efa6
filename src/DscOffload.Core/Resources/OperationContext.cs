namespace DscOffload.Core.Resources;

/// <summary>
/// What a resource operation needs besides its input: where messages go, whether this is a
/// what-if, the host it acts on and whether that host may be changed at all.
/// </summary>
public sealed class OperationContext
{
    private readonly Action<ResourceMessage> _sink;

    /// <summary>Creates a context that forwards messages to <paramref name="sink"/>.</summary>
    public OperationContext(Action<ResourceMessage> sink, string hostName)
    {
        _sink = sink;
        HostName = hostName;
    }

    /// <summary>The name of the host the operation targets (live or recorded).</summary>
    public string HostName { get; }

    /// <summary>When true, set only predicts; nothing is changed.</summary>
    public bool WhatIf { get; init; }

    /// <summary>When true the target is recorded state, which may never be changed.</summary>
    public bool ReadOnlyTarget { get; init; }

    /// <summary>Cancellation from Ctrl+C or a time-out.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The least severe level anyone reads; messages below it are dropped. A resource that builds a costly message
    /// asks <see cref="Wants"/> first (a fleet keeps warnings only, and would build and drop it for every host).
    /// </summary>
    internal MessageLevel Wanted { get; init; } = MessageLevel.Trace;

    /// <summary>Whether a message at <paramref name="level"/> is read by anyone.</summary>
    internal bool Wants(MessageLevel level) => level <= Wanted;

    /// <summary>Reports a message at the given level.</summary>
    public void Report(MessageLevel level, string text) => _sink(new ResourceMessage(level, text));

    /// <summary>Reports an informational message.</summary>
    public void Info(string text) => Report(MessageLevel.Information, text);

    /// <summary>Reports a warning.</summary>
    public void Warn(string text) => Report(MessageLevel.Warning, text);

    /// <summary>Reports a debug message.</summary>
    public void Debug(string text) => Report(MessageLevel.Debug, text);
}
