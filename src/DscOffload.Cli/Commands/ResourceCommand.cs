using System.CommandLine;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Protocol;
using DscOffload.Core.Resources;

namespace DscOffload.Cli.Commands;

/// <summary><c>dscoffload resource get|test|set|export|schema</c>: the DSC v3 command-resource protocol.</summary>
public static class ResourceCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(ResourceCatalog catalog)
    {
        var command = new Command("resource", "Run one resource operation as dsc invokes it (stdout: protocol JSON only; stderr: JSON message lines).");
        foreach (var operation in Enum.GetValues<ResourceOperation>())
        {
            command.Subcommands.Add(CreateOperation(catalog, operation));
        }

        return command;
    }

    private static Command CreateOperation(ResourceCatalog catalog, ResourceOperation operation)
    {
        var name = operation.ToString().ToLowerInvariant();
        var command = new Command(name, $"The {name} operation of a DscOffload resource type.");
        var type = new Option<string>("--type", "-r") { Description = "Resource type, e.g. DscOffload.Linux/NetAdapterOffload.", Required = true };
        command.Options.Add(type);
        Option<string>? input = null;
        Option<bool>? whatIf = null;
        if (operation != ResourceOperation.Schema)
        {
            input = new Option<string>("--input", "-i") { Description = "Input JSON (or YAML); read from stdin when absent or empty." };
            command.Options.Add(input);
        }

        if (operation == ResourceOperation.Set)
        {
            whatIf = new Option<bool>("--what-if", "-w") { Description = "Predict the after-state; change nothing." };
            command.Options.Add(whatIf);
        }

        command.SetAction(parse => Run(catalog, new ResourceCall(
            operation, parse.GetValue(type)!, input is null ? null : parse.GetValue(input), whatIf is not null && parse.GetValue(whatIf))));
        return command;
    }

    /// <summary>
    /// Runs one call and returns its exit code. Both ways in come here: the parsed command above and the
    /// start-up fast path (<see cref="ResourceCommandLine"/>), so they cannot behave differently.
    /// </summary>
    internal static int Run(ResourceCatalog catalog, ResourceCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CommandGuard.Run(streams =>
        {
            var messages = new StderrMessageWriter(streams.Error, Environment.GetEnvironmentVariable("DSC_TRACE_LEVEL"));
            var text = call.Input;
            if (call.Operation != ResourceOperation.Schema && string.IsNullOrEmpty(text) && Console.IsInputRedirected)
            {
                try
                {
                    // dsc writes UTF-8 (Console.In would use the OEM code page on Windows). Bounded and strictly decoded,
                    // like a file: an endless or binary stdin is rejected, not buffered.
                    text = StructuredTextParser.ReadText(Console.OpenStandardInput(), "--input");
                }
                catch (DscOffloadException e)
                {
                    messages.Write(new ResourceMessage(MessageLevel.Error, e.OneLine));
                    return (int)ResourceExitCodes.For(e.Kind);
                }
            }

            var runner = new ResourceProtocolRunner(catalog, streams.Out, messages, RecordedBinding.FromEnvironment());
            return runner.Run(call.Operation, call.Type, text, call.WhatIf);
        });
    }
}
