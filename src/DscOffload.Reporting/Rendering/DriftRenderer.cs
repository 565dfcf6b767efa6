using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// The part every format shares: the summary counters, the envelope reading and the call order
/// (begin once, hosts, complete once). A format implements only what it writes.
/// </summary>
internal abstract class DriftRenderer : IDriftRenderer
{
    private bool _begun;
    private bool _completed;

    /// <summary>Creates a renderer writing to <paramref name="output"/>, which the caller owns and closes.</summary>
    protected DriftRenderer(TextWriter output, DriftRenderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(output);
        Output = output;
        Options = options ?? new DriftRenderOptions();
    }

    /// <inheritdoc />
    public DriftSummary Summary { get; } = new();

    /// <summary>Where the report goes.</summary>
    protected TextWriter Output { get; }

    /// <summary>The options the renderer was created with.</summary>
    protected DriftRenderOptions Options { get; }

    /// <inheritdoc />
    public void Begin()
    {
        if (_begun)
        {
            throw new InvalidOperationException("Begin was already called on this renderer.");
        }

        _begun = true;
        OnBegin();
    }

    /// <inheritdoc />
    public void AddHost(HostDriftReport host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_completed)
        {
            throw new InvalidOperationException("AddHost was called after Complete.");
        }

        if (!_begun)
        {
            Begin();
        }

        Summary.Add(host);
        OnHost(host);
    }

    /// <inheritdoc />
    public void Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("Complete was already called on this renderer.");
        }

        if (!_begun)
        {
            Begin();
        }

        _completed = true;
        OnComplete();
        Output.Flush();
    }

    /// <summary>Writes the opening part; nothing by default.</summary>
    protected virtual void OnBegin()
    {
    }

    /// <summary>Reports one host; <see cref="Summary"/> already includes it.</summary>
    protected abstract void OnHost(HostDriftReport host);

    /// <summary>Writes the closing part.</summary>
    protected abstract void OnComplete();
}
