using DscOffload.Core.Documents;

namespace DscOffload.Core.Engine;

/// <summary>
/// A document checked once (types known, properties valid) and then run against any number of hosts.
/// </summary>
public sealed class PreparedConfiguration
{
    /// <summary>Creates the prepared form.</summary>
    public PreparedConfiguration(string documentPath, IReadOnlyList<PreparedInstance> instances, IReadOnlyList<string> warnings)
    {
        DocumentPath = documentPath;
        Instances = instances;
        Warnings = warnings;
    }

    /// <summary>The document, as given on the command line.</summary>
    public string DocumentPath { get; }

    /// <summary>Instances to run, in dependency order (foreign ones left out when ignored).</summary>
    public IReadOnlyList<PreparedInstance> Instances { get; }

    /// <summary>Warnings found while preparing (skipped foreign types).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The resolved document (security context, outputs, secure values to hide), or null when the instances were
    /// given without a document.
    /// </summary>
    public ResolvedConfiguration? Resolved { get; init; }

    /// <summary>Instances whose <c>condition</c> is false: not run, reported as skipped (as dsc does).</summary>
    public IReadOnlyList<ResolvedInstance> Skipped { get; init; } = [];
}
