using DscOffload.Core.Engine;

namespace DscOffload.Cli.Output;

/// <summary>Receives one host's result at a time, so fleet runs stream instead of holding every host in memory.</summary>
public interface IEnvelopeSink
{
    /// <summary>Writes or accumulates one host's run.</summary>
    void Add(EngineRun run);

    /// <summary>Finishes the output (summaries, closing tags).</summary>
    void Complete();
}
