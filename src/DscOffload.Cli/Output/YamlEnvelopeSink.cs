using DscOffload.Core.Engine;

namespace DscOffload.Cli.Output;

/// <summary>YAML output: one document per host, separated by <c>---</c>.</summary>
public sealed class YamlEnvelopeSink(TextWriter writer) : IEnvelopeSink
{
    private bool _first = true;

    /// <inheritdoc />
    public void Add(EngineRun run)
    {
        if (!_first)
        {
            writer.WriteLine("---");
        }

        _first = false;
        YamlWriter.Write(EnvelopeWriter.Write(run), writer);
    }

    /// <inheritdoc />
    public void Complete()
    {
    }
}
