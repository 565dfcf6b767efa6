using DscOffload.Core.Engine;

namespace DscOffload.Cli.Output;

/// <summary>Receives one host's result at a time, so fleet runs stream instead of holding every host in memory.</summary>
public interface IEnvelopeSink
{
    /// <summary>
    /// The part of writing one host that needs no other host (reading the run, serialising it). Fleet runs call it
    /// on worker threads, so it must not touch the sink's state; <see cref="Write"/> then takes its result in order.
    /// </summary>
    object Prepare(EngineRun run);

    /// <summary>Writes or accumulates one host from what <see cref="Prepare"/> returned for it.</summary>
    void Write(object prepared);

    /// <summary>Writes or accumulates one host's run.</summary>
    void Add(EngineRun run) => Write(Prepare(run));

    /// <summary>Finishes the output (summaries, closing tags).</summary>
    void Complete();
}
