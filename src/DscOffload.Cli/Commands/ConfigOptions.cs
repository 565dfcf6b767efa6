using System.CommandLine;
using DscOffload.Core.Engine;

namespace DscOffload.Cli.Commands;

/// <summary>The options of the config commands, declared once and read into a <see cref="ConfigRequest"/>.</summary>
public sealed class ConfigOptions
{
    private readonly EngineOperation _operation;
    private readonly Option<string> _file = new("--file", "-f") { Description = "The configuration document (YAML or JSON).", Required = true };
    private readonly Option<string> _parameters = new("--parameters-file", "-p") { Description = "Parameter values, as for dsc config -f." };
    private readonly Option<bool> _whatIf = new("--what-if", "-w") { Description = "Predict what set would change; change nothing." };
    private readonly Option<string[]> _against = new("--against", "-a")
    {
        Description = "Recorded host state: snapshot files, directories or globs (one host per file). Default: the live host.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string> _format = new("--format") { Description = "table, json, yaml, diff, markdown, github, azure, junit or sarif (default: table on a terminal, json otherwise)." };
    private readonly Option<string> _output = new("--output", "-o") { Description = "Write the rendering to this file; a short summary still goes to the terminal." };
    private readonly Option<bool> _failOnDrift = new("--fail-on-drift") { Description = $"Exit {CliExitCode.Drift} when any host is not in the desired state (or set --what-if would change something)." };
    private readonly Option<bool> _ignoreForeign = new("--ignore-foreign-types") { Description = "Skip instances of types that are not DscOffload's, with a warning." };

    /// <summary>Creates the option set for one operation.</summary>
    public ConfigOptions(EngineOperation operation)
    {
        _operation = operation;
        _format.AcceptOnlyFromAmong([.. ConfigCommand.Formats]);
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_file);
        command.Options.Add(_parameters);
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
    public ConfigRequest Read(ParseResult parse) => new()
    {
        Operation = _operation,
        DocumentPath = parse.GetValue(_file)!,
        ParametersPath = parse.GetValue(_parameters),
        WhatIf = _operation == EngineOperation.Set && parse.GetValue(_whatIf),
        Against = parse.GetValue(_against) ?? [],
        Format = parse.GetValue(_format),
        OutputPath = parse.GetValue(_output),
        FailOnDrift = parse.GetValue(_failOnDrift),
        IgnoreForeignTypes = parse.GetValue(_ignoreForeign),
    };
}
