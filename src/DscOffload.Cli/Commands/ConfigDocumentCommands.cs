using System.CommandLine;
using DscOffload.Cli.Output;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Expressions;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Commands;

/// <summary>
/// <c>config validate</c> and <c>config resolve</c> as dsc has them: they read the document the same way as the
/// other config operations, touch no host, and print dsc's result objects (<c>{"valid", "reason"}</c> and
/// <c>{"configuration", "parameters"}</c>).
/// </summary>
public static class ConfigDocumentCommands
{
    /// <summary>
    /// <c>config validate</c>: resolves the document and checks its types and properties. As in dsc, a document that
    /// fails these checks prints <c>"valid": false</c> and exits 0, with the reason on stderr; a document that cannot
    /// be read at all fails with its exit code.
    /// </summary>
    public static Command Validate(ResourceCatalog catalog)
    {
        var (command, file, input, outputFormat) = Create("validate", "Check the document (types, properties, expressions) without touching the host; prints {\"valid\", \"reason\"}.");
        command.SetAction(parse => CommandGuard.Run(parse, (streams, trace) =>
        {
            var read = Read(parse, file, input);
            var valid = true;
            try
            {
                var engine = new ConfigurationEngine(catalog, new EngineOptions { SystemRoot = read.SystemRoot });
                DocumentPreparation.Prepare(engine, read.DocumentName, read.Document ?? DocumentLoader.Load(read.DocumentName), read.Parameters, read.SystemRoot);
            }
            catch (DscOffloadException e) when (e.Kind is ErrorKind.InvalidInput or ErrorKind.ValidationFailed)
            {
                valid = false;
                if (trace is null)
                {
                    streams.Error.WriteLine($"dscoffload: error: {e.OneLine}");
                }
                else
                {
                    trace.Write(MessageLevel.Error, e.OneLine);
                }
            }

            Write(streams, parse.GetValue(outputFormat), new JObject { ["valid"] = valid, ["reason"] = null });
            return CliExitCode.Success;
        }));
        return command;
    }

    /// <summary>
    /// <c>config resolve</c>: the document as read and the parameter values bound (defaults included), secure values
    /// hidden.
    /// </summary>
    public static Command Resolve(ResourceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (command, file, input, outputFormat) = Create("resolve", "Print the document and its bound parameter values ({\"configuration\", \"parameters\"}); secure values hidden.");
        command.SetAction(parse => CommandGuard.Run(parse, (streams, _) =>
        {
            var read = Read(parse, file, input);
            var document = read.Document ?? DocumentLoader.Load(read.DocumentName);
            var resolved = ConfigurationResolver.Resolve(document, read.Parameters, new ProcessExpressionHost(read.SystemRoot));
            var parameters = resolved.ParameterValues.HasValues ? resolved.Redactor.Redact(resolved.ParameterValues) : JValue.CreateNull();
            Write(streams, parse.GetValue(outputFormat), new JObject { ["configuration"] = document.Root.DeepClone(), ["parameters"] = parameters });
            return CliExitCode.Success;
        }));
        return command;
    }

    private static (Command Command, Option<string> File, Option<string> Input, Option<string> OutputFormat) Create(string name, string description)
    {
        var command = new Command(name, description);
        var file = new Option<string>("--file", "-f") { Description = "The configuration document (YAML or JSON); - reads it from stdin." };
        var input = new Option<string>("--input", "-i") { Description = "The configuration document itself, as JSON or YAML text." };
        var outputFormat = new Option<string>("--output-format", "-o") { Description = "json (one line), pretty-json or yaml." };
        outputFormat.AcceptOnlyFromAmong([.. ConfigOptions.OutputFormats]);
        command.Options.Add(file);
        command.Options.Add(input);
        command.Options.Add(outputFormat);
        return (command, file, input, outputFormat);
    }

    private static ConfigInput Read(ParseResult parse, Option<string> file, Option<string> input) =>
        ConfigInput.Read(parse, parse.GetValue(file), parse.GetValue(input), parametersFile: null);

    // As dsc: YAML on a terminal unless a format is given, one-line JSON otherwise.
    private static void Write(StandardStreams streams, string? format, JObject result)
    {
        switch (format ?? (streams.OutIsTerminal ? "yaml" : "json"))
        {
            case "yaml":
                YamlWriter.Write(result, streams.Out);
                break;
            case "pretty-json":
                streams.Out.WriteLine(JsonText.Indented(result));
                break;
            default:
                streams.Out.WriteLine(JsonText.Compact(result));
                break;
        }
    }
}
