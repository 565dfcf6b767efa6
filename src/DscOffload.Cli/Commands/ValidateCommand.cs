using System.CommandLine;
using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;

namespace DscOffload.Cli.Commands;

/// <summary><c>dscoffload validate DOC…</c>: offline lint of documents; touches no host.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ResourceCatalog catalog)
    {
        var command = new Command("validate", "Check documents offline: syntax, parameters, expressions, dependsOn, types and properties, and offloads the document turns on next to coexistence conditions it asserts. No host is read.");
        var documents = new Argument<string[]>("documents") { Arity = ArgumentArity.OneOrMore, Description = "Documents to check." };
        var parameters = new Option<string>("--parameters-file", "-p") { Description = "Parameter values for the documents." };
        var ignoreForeign = new Option<bool>("--ignore-foreign-types") { Description = "Accept types that are not DscOffload's (with a warning)." };
        command.Arguments.Add(documents);
        command.Options.Add(parameters);
        command.Options.Add(ignoreForeign);
        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            var engine = new ConfigurationEngine(catalog, new EngineOptions { IgnoreForeignTypes = parse.GetValue(ignoreForeign) });
            var exit = CliExitCode.Success;
            foreach (var path in parse.GetValue(documents)!)
            {
                try
                {
                    var prepared = DocumentPreparation.Prepare(engine, path, parse.GetValue(parameters));
                    foreach (var warning in prepared.Warnings)
                    {
                        streams.Error.WriteLine($"{path}: warning: {warning}");
                    }

                    foreach (var advice in CoexistenceAdvisor.ForDocument(prepared).Where(a => a.Level <= MessageLevel.Warning))
                    {
                        streams.Error.WriteLine($"{path}: warning: {advice.InstanceName}: {advice.Text}");
                    }

                    streams.Out.WriteLine($"{path}: valid ({prepared.Instances.Count} instance(s))");
                }
                catch (DscOffloadException e)
                {
                    streams.Error.WriteLine($"dscoffload: error: {e.OneLine}");
                    if (exit == CliExitCode.Success)
                    {
                        exit = CliExitCode.For(e.Kind);
                    }
                }
            }

            return exit;
        }));
        return command;
    }
}
