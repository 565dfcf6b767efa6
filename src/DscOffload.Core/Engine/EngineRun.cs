using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// The outcome of one document on one host: the dsc-shaped result envelope plus the facts the
/// command line needs for its exit code.
/// </summary>
public sealed class EngineRun
{
    /// <summary>The <c>dsc config get|test|set</c>-shaped result (export: the configuration document).</summary>
    public required JObject Envelope { get; init; }

    /// <summary>True when any instance failed.</summary>
    public bool HadErrors { get; init; }

    /// <summary>The kind of the first failure, if any.</summary>
    public ErrorKind? FirstError { get; init; }

    /// <summary>For test: every instance in desired state. For set: nothing left to change.</summary>
    public bool InDesiredState { get; init; }

    /// <summary>For set: something was (or, with what-if, would be) changed.</summary>
    public bool Changed { get; init; }
}
