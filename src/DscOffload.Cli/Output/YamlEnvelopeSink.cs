using DscOffload.Core.Json;
using DscOffload.Core.Engine;

namespace DscOffload.Cli.Output;

/// <summary>YAML output: one document per host, separated by <c>---</c>.</summary>
public sealed class YamlEnvelopeSink(TextWriter writer) : IEnvelopeSink
{
    private bool _first = true;

    /// <inheritdoc />
    public object Prepare(EngineRun run)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = writer.NewLine };
        YamlWriter.Write(EnvelopeWriter.Write(run), text);
        return text.ToString();
    }

    /// <inheritdoc />
    public void Write(object prepared)
    {
        if (!_first)
        {
            writer.WriteLine("---");
        }

        _first = false;
        writer.Write((string)prepared);
    }

    /// <inheritdoc />
    public void Complete()
    {
    }
}
