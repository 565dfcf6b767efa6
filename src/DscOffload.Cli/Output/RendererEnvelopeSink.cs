using DscOffload.Core.Engine;
using DscOffload.Reporting.Drift;
using DscOffload.Reporting.Rendering;

namespace DscOffload.Cli.Output;

/// <summary>
/// Feeds engine runs to a drift renderer (table, diff, markdown, github, azure, junit, sarif), read from their
/// typed results, whose state objects keep the document locations annotated on them.
/// </summary>
public sealed class RendererEnvelopeSink : IEnvelopeSink
{
    private readonly IDriftRenderer _renderer;

    /// <summary>Starts the renderer.</summary>
    public RendererEnvelopeSink(IDriftRenderer renderer)
    {
        _renderer = renderer;
        _renderer.Begin();
    }

    /// <summary>The running summary of hosts and drift.</summary>
    public DriftSummary Summary => _renderer.Summary;

    /// <inheritdoc />
    public object Prepare(EngineRun run) => EngineRunReader.Read(run);

    /// <inheritdoc />
    public void Write(object prepared) => _renderer.AddHost((HostDriftReport)prepared);

    /// <inheritdoc />
    public void Complete() => _renderer.Complete();
}
