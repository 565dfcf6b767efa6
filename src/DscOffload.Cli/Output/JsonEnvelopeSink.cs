using DscOffload.Core.Engine;
using DscOffload.Core.Json;

namespace DscOffload.Cli.Output;

/// <summary>
/// The canonical output: one dsc-shaped envelope. Indented for a single host on a terminal,
/// otherwise compact, one envelope per line (JSON Lines) for fleets, written straight from the run.
/// </summary>
public sealed class JsonEnvelopeSink(TextWriter writer, bool indented) : IEnvelopeSink
{
    /// <inheritdoc />
    public object Prepare(EngineRun run) =>
        indented ? JsonText.Indented(EnvelopeWriter.Write(run)) : CompactEnvelopeWriter.Write(run);

    /// <inheritdoc />
    public void Write(object prepared) => writer.WriteLine((string)prepared);

    /// <inheritdoc />
    public void Complete()
    {
    }
}
