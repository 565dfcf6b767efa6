using System.CommandLine;

namespace DscOffload.Cli.Commands;

/// <summary>
/// dsc's options of <c>config</c> itself, given before the operation as in
/// <c>dsc config -p '{"parameters":{…}}' get -f doc.dsc.yaml</c>: <c>-p|--parameters</c> (JSON or YAML text),
/// <c>-f|--parameters-file</c> and <c>-r|--system-root</c>.
/// </summary>
public static class ConfigScopeOptions
{
    /// <summary><c>-p|--parameters</c>: parameter values as JSON or YAML text, <c>{"parameters": {…}}</c>.</summary>
    public static Option<string> Parameters { get; } = new("--parameters", "-p") { Description = "Parameter values as JSON or YAML text ({\"parameters\": {...}}); they override the parameters file's." };

    /// <summary><c>-f|--parameters-file</c>: a parameters file.</summary>
    public static Option<string> ParametersFile { get; } = new("--parameters-file", "-f") { Description = "Parameter values from a file (- for stdin)." };

    /// <summary><c>-r|--system-root</c>: the root of the system the configuration applies to.</summary>
    public static Option<string> SystemRoot { get; } = new("--system-root", "-r") { Description = "The root of the system the configuration applies to (systemRoot())." };

    /// <summary>Adds the options to the <c>config</c> command.</summary>
    public static void AddTo(Command config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Options.Add(Parameters);
        config.Options.Add(ParametersFile);
        config.Options.Add(SystemRoot);
    }
}
