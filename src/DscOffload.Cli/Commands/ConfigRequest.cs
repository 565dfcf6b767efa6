using DscOffload.Core.Engine;

namespace DscOffload.Cli.Commands;

/// <summary>What a config command was asked to do.</summary>
public sealed class ConfigRequest
{
    /// <summary>get, test, set or export.</summary>
    public required EngineOperation Operation { get; init; }

    /// <summary>The document path as given.</summary>
    public required string DocumentPath { get; init; }

    /// <summary>The document read (from --file, --input or stdin); null to load <see cref="DocumentPath"/> when run.</summary>
    public Core.Documents.ConfigurationDocument? Document { get; init; }

    /// <summary>Parameter values given (files and text merged, text winning), or null to read <see cref="ParametersPath"/>.</summary>
    public Newtonsoft.Json.Linq.JObject? Parameters { get; init; }

    /// <summary>The root of the system the configuration applies to (dsc's <c>--system-root</c>), or null.</summary>
    public string? SystemRoot { get; init; }

    /// <summary>For JSON output: true indented (pretty-json), false one line (json), null as the terminal decides.</summary>
    public bool? JsonIndented { get; init; }

    /// <summary>Optional parameters file.</summary>
    public string? ParametersPath { get; init; }

    /// <summary>Predict set only.</summary>
    public bool WhatIf { get; init; }

    /// <summary>Recorded-state sources; empty means the live host.</summary>
    public IReadOnlyList<string> Against { get; init; } = [];

    /// <summary>Output format, or null for the default.</summary>
    public string? Format { get; init; }

    /// <summary>File to write the rendering to.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Exit with the drift code when not in desired state.</summary>
    public bool FailOnDrift { get; init; }

    /// <summary>Skip foreign types with a warning.</summary>
    public bool IgnoreForeignTypes { get; init; }

    /// <summary>How the change is named in the journal and the lock (default: <c>config set --file DOC</c>).</summary>
    public string? Command { get; init; }

    /// <summary>For a rollback: the journal entry's saved files, put back after its document is applied.</summary>
    public IReadOnlyList<Core.Safety.JournaledFile> RestoreFiles { get; init; } = [];

    /// <summary>For a rollback: the directories of <see cref="RestoreFiles"/>, whose follow-ups run once the files are back.</summary>
    public IReadOnlyList<Core.Safety.RestorableFileDirectory> RestoreDirectories { get; init; } = [];
}
