using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// The outcome of one document on one host: typed instance results and messages, plus the facts the command
/// line needs for its exit code. <see cref="EnvelopeWriter"/> turns it into the dsc-shaped JSON.
/// </summary>
public sealed record EngineRun
{
    /// <summary>What the run was.</summary>
    public required RunInfo Info { get; init; }

    /// <summary>One result per instance that ran, in order (empty for export).</summary>
    public IReadOnlyList<InstanceResult> Results { get; init; } = [];

    /// <summary>The run's messages, in the order they happened.</summary>
    public IReadOnlyList<RunMessage> Messages { get; init; } = [];

    /// <summary>For export: the instances found; null for the other operations.</summary>
    public IReadOnlyList<ExportedInstance>? Exported { get; init; }

    /// <summary>The document's <c>outputs</c> after the run (secure ones left out), or null when it has none or ran what-if.</summary>
    public JObject? Outputs { get; init; }

    /// <summary>The journal entry of a live set that saved something, or null.</summary>
    public JournalReference? Journal { get; init; }

    /// <summary>True when any instance failed.</summary>
    public bool HadErrors { get; init; }

    /// <summary>The kind of the first failure, if any.</summary>
    public ErrorKind? FirstError { get; init; }

    /// <summary>For test: every instance in desired state. For set: nothing left to change.</summary>
    public bool InDesiredState { get; init; }

    /// <summary>For set: something was (or, with what-if, would be) changed.</summary>
    public bool Changed { get; init; }

    /// <summary>The <c>dsc config get|test|set</c>-shaped result (export: the configuration document), written anew on each call.</summary>
    public JObject Envelope => EnvelopeWriter.Write(this);
}
