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
}
