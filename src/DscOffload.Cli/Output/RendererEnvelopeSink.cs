using DscOffload.Core.Engine;
using DscOffload.Reporting.Drift;
using DscOffload.Reporting.Rendering;

namespace DscOffload.Cli.Output;

/// <summary>
/// Feeds engine runs to a drift renderer (table, diff, markdown, github, azure, junit, sarif). The
/// engine's own JObjects are passed, so the document locations annotated on them survive.
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
    public void Add(EngineRun run) => _renderer.AddHost(run.Envelope);

    /// <inheritdoc />
    public void Complete() => _renderer.Complete();
}
