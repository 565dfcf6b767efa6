using System.CommandLine;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Commands;

/// <summary>
/// What a config command reads, the way dsc reads it: the document from <c>--file FILE</c>, <c>--file -</c> (stdin),
/// <c>--input TEXT</c>, or stdin when neither is given and stdin is not a terminal; parameter values from the
/// parameters files and from <c>config -p TEXT</c> (the text wins, key by key); the system root.
/// </summary>
/// <param name="DocumentName">How the document is named in results and errors (its path, <c>&lt;stdin&gt;</c> or <c>--input</c>).</param>
/// <param name="Document">The document, when it was read from text; null when it is loaded from <paramref name="DocumentName"/> as a file.</param>
/// <param name="Parameters">The merged parameter values, or null when none were given.</param>
/// <param name="SystemRoot">The system root, or null.</param>
public sealed record ConfigInput(string DocumentName, ConfigurationDocument? Document, JObject? Parameters, string? SystemRoot)
{
    private const string StdinName = "<stdin>";

    /// <summary>Reads the input of a config operation from its options and those of <c>config</c>.</summary>
    public static ConfigInput Read(ParseResult parse, string? file, string? input, string? parametersFile)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (file is not null && input is not null)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments, "give the document with --file or --input, not both");
        }

        var scopeParametersFile = parse.GetValue(ConfigScopeOptions.ParametersFile);
        var stdinUsers = new[] { file, scopeParametersFile, parametersFile }.Count(f => f == "-") + (file is null && input is null ? 1 : 0);
        if (stdinUsers > 1)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments, "only one of the document and the parameters can be read from stdin");
        }

        var systemRoot = parse.GetValue(ConfigScopeOptions.SystemRoot);
        if (systemRoot is not null && !Directory.Exists(systemRoot))
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments, $"--system-root '{systemRoot}' is not a directory");
        }

        var parameters = MergeParameters(scopeParametersFile, parametersFile, parse.GetValue(ConfigScopeOptions.Parameters));
        if (input is not null)
        {
            // As dsc: a path given as --input is almost certainly a mistake for --file.
            if (File.Exists(input))
            {
                throw new DscOffloadException(ErrorKind.InvalidInput, $"--input is the document text, but '{input}' is a file; use --file {input}");
            }

            return new ConfigInput("--input", DocumentLoader.Parse(input, "--input"), parameters, systemRoot);
        }

        if (file is null && !Console.IsInputRedirected)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments, "no configuration document: give --file FILE, --file - (stdin) or --input TEXT");
        }

        return file is null or "-"
            ? new ConfigInput(StdinName, DocumentLoader.Parse(ReadStdin(), StdinName), parameters, systemRoot)
            : new ConfigInput(file, null, parameters, systemRoot);
    }

    private static JObject? MergeParameters(string? scopeFile, string? file, string? text)
    {
        var sources = new[] { Load(scopeFile), Load(file), text is null ? null : ParametersFile.Parse(text, "--parameters") }.OfType<JObject>().ToList();
        if (sources.Count <= 1)
        {
            // One source keeps every location as read, for errors that point into it.
            return sources.FirstOrDefault();
        }

        var merged = new JObject();
        foreach (var property in sources.SelectMany(s => s.Properties()))
        {
            merged.Remove(property.Name);
            merged.Add(property.DeepCloneWithLocations());
        }

        return merged;
    }

    private static JObject? Load(string? path) => path switch
    {
        null => null,
        "-" => ParametersFile.Parse(ReadStdin(), StdinName),
        _ => ParametersFile.Load(path),
    };

    // dsc reads stdin as UTF-8; bounded and strictly decoded like a file.
    private static string ReadStdin() => StructuredTextParser.ReadText(Console.OpenStandardInput(), StdinName);
}
