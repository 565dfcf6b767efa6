using DscOffload.Packaging.Binaries;

namespace DscOffload.Packaging.MachineConfiguration;

/// <summary>What <c>dscoffload package machine-configuration</c> was asked to build.</summary>
public sealed class MachineConfigurationRequest
{
    /// <summary>The package, configuration and (by convention) assignment name.</summary>
    public required string Name { get; init; }

    /// <summary>Audit or AuditAndSet.</summary>
    public required MachineConfigurationType Type { get; init; }

    /// <summary>The package version written to the metaconfig.</summary>
    public required string Version { get; init; }

    /// <summary>The target platform.</summary>
    public required PackagePlatform Platform { get; init; }

    /// <summary>The DSC v3 configuration document.</summary>
    public required string DocumentPath { get; init; }

    /// <summary>Parameter values for the document, or null.</summary>
    public string? ParametersPath { get; init; }

    /// <summary>The binary to ship.</summary>
    public required PackageBinary Binary { get; init; }

    /// <summary>Where the zip and its hash file are written.</summary>
    public required string OutputDirectory { get; init; }
}
