using System.CommandLine;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;

namespace DscOffload.Cli.Commands;

/// <summary>The options of the config commands, declared once and read into a <see cref="ConfigRequest"/>.</summary>
public sealed class ConfigOptions
{
    private readonly EngineOperation _operation;
    private readonly Option<string> _file = new("--file", "-f") { Description = "The configuration document (YAML or JSON); - reads it from stdin." };
    private readonly Option<string> _input = new("--input", "-i") { Description = "The configuration document itself, as JSON or YAML text (instead of --file)." };
    private readonly Option<string> _parameters = new("--parameters-file", "-p") { Description = "Parameter values from a file (also: config -f FILE before the operation, as in dsc)." };
    private readonly Option<bool> _whatIf = new("--what-if", "-w", "--dry-run", "--noop") { Description = "Predict what set would change; change nothing." };
    private readonly Option<string> _outputFormat = new("--output-format", "-o") { Description = "dsc's output formats: json (one line), pretty-json or yaml." };
    private readonly Option<string[]> _against = new("--against", "-a")
    {
        Description = "Recorded host state: snapshot files, directories or globs (one host per file). Default: the live host.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string> _format = new("--format") { Description = "table, json, yaml, diff, markdown, github, azure, junit or sarif (default: table on a terminal, json otherwise)." };
    private readonly Option<string> _output = new("--output") { Description = "Write the rendering to this file; a short summary still goes to the terminal." };
    private readonly Option<bool> _failOnDrift = new("--fail-on-drift") { Description = $"Exit {CliExitCode.Drift} when any host is not in the desired state (or set --what-if would change something)." };
    private readonly Option<bool> _ignoreForeign = new("--ignore-foreign-types") { Description = "Skip instances of types that are not DscOffload's, with a warning." };

    /// <summary>The values of dsc's <c>--output-format</c>.</summary>
    public static IReadOnlyList<string> OutputFormats { get; } = ["json", "pretty-json", "yaml"];

    /// <summary>Creates the option set for one operation.</summary>
    public ConfigOptions(EngineOperation operation)
    {
        _operation = operation;
        _format.AcceptOnlyFromAmong([.. ConfigCommand.Formats]);
        _outputFormat.AcceptOnlyFromAmong([.. OutputFormats]);
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_file);
        command.Options.Add(_input);
        command.Options.Add(_parameters);
        command.Options.Add(_outputFormat);
        if (_operation == EngineOperation.Set)
        {
            command.Options.Add(_whatIf);
        }

        command.Options.Add(_against);
        command.Options.Add(_format);
        command.Options.Add(_output);
        command.Options.Add(_failOnDrift);
        command.Options.Add(_ignoreForeign);
    }

    /// <summary>Reads the parsed values.</summary>
    public ConfigRequest Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var outputFormat = parse.GetValue(_outputFormat);
        var format = parse.GetValue(_format);
        if (outputFormat is not null && format is not null)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments, "give --output-format (-o) or --format, not both");
        }

        var input = ConfigInput.Read(parse, parse.GetValue(_file), parse.GetValue(_input), parse.GetValue(_parameters));
        return new ConfigRequest
        {
            Operation = _operation,
            DocumentPath = input.DocumentName,
            Document = input.Document,
            Parameters = input.Parameters,
            SystemRoot = input.SystemRoot,
            ParametersPath = parse.GetValue(_parameters),
            JsonIndented = outputFormat switch { "json" => false, "pretty-json" => true, _ => null },
            WhatIf = _operation == EngineOperation.Set && parse.GetValue(_whatIf),
            Against = parse.GetValue(_against) ?? [],
            Format = outputFormat is null ? format : outputFormat == "yaml" ? "yaml" : "json",
            OutputPath = parse.GetValue(_output),
            FailOnDrift = parse.GetValue(_failOnDrift),
            IgnoreForeignTypes = parse.GetValue(_ignoreForeign),
        };
    }
}
