using System.CommandLine;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;

namespace DscOffload.Cli.Commands;

/// <summary><c>dscoffload config get|test|set|export</c>: run a desired-state document through the engine.</summary>
public static class ConfigCommand
{
    /// <summary>The output formats <c>--format</c> accepts.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["table", "json", "yaml", "diff", "markdown", "github", "azure", "junit", "sarif"];

    /// <summary>Builds the command group.</summary>
    public static Command Create(ResourceCatalog catalog)
    {
        var command = new Command("config", "Get, test, set or export a DSC v3 configuration document against the live host or recorded hosts; validate or resolve it.");
        foreach (var operation in Enum.GetValues<EngineOperation>())
        {
            command.Subcommands.Add(CreateOperation(catalog, operation));
        }

        command.Subcommands.Add(ConfigDocumentCommands.Validate(catalog));
        command.Subcommands.Add(ConfigDocumentCommands.Resolve(catalog));
        ConfigScopeOptions.AddTo(command);

        return command;
    }

    private static Command CreateOperation(ResourceCatalog catalog, EngineOperation operation)
    {
        var name = operation.ToString().ToLowerInvariant();
        var command = new Command(name, operation switch
        {
            EngineOperation.Get => "Read the actual state of every instance.",
            EngineOperation.Test => "Compare actual with desired state (exit 0 even when drifted, unless --fail-on-drift).",
            EngineOperation.Set => "Apply the desired state and verify it (--what-if: predict only).",
            _ => "Export every instance of the document's resource types.",
        });
        var options = new ConfigOptions(operation);
        options.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(parse, (streams, trace) =>
            new ConfigRunner(catalog, streams, options.Read(parse), trace).Run()));
        return command;
    }
}
