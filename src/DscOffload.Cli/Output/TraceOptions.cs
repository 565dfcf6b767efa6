using System.CommandLine;

namespace DscOffload.Cli.Output;

/// <summary>
/// dsc's global trace options, given before the command as in <c>dsc -l info -t json config get …</c>:
/// <c>-l|--trace-level</c> and <c>-t|--trace-format</c>.
/// </summary>
public static class TraceOptions
{
    /// <summary><c>-l|--trace-level</c>: error, warn (default), info, debug or trace.</summary>
    public static Option<string> Level { get; } = Create("--trace-level", "-l", "Trace level on stderr: error, warn (default), info, debug or trace.", TraceWriter.Levels);

    /// <summary><c>-t|--trace-format</c>: default, plaintext or json.</summary>
    public static Option<string> Format { get; } = Create("--trace-format", "-t", "Trace line format on stderr: default, plaintext or json.", TraceWriter.Formats);

    /// <summary>Adds both options to the root command.</summary>
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Level);
        root.Options.Add(Format);
    }

    /// <summary>dsc's environment variable for the trace level; <c>-l</c> wins over it, as in dsc.</summary>
    public const string LevelVariable = "DSC_TRACE_LEVEL";

    /// <summary>
    /// A trace writer for the options given (and <c>DSC_TRACE_LEVEL</c>, which dsc also reads when no <c>-l</c> is
    /// given), or null when none was given (the command's own stderr lines).
    /// </summary>
    public static TraceWriter? Read(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var level = parse.GetValue(Level) ?? FromEnvironment();
        var format = parse.GetValue(Format);
        return level is null && format is null ? null : new TraceWriter(error, level, format);
    }

    /// <summary>DSC_TRACE_LEVEL in lower case when it names a level (dsc warns and uses warn for anything else).</summary>
    private static string? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(LevelVariable)?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(text) ? null : TraceWriter.Levels.Contains(text) ? text : "warn";
    }

    private static Option<string> Create(string name, string alias, string description, IReadOnlyList<string> allowed)
    {
        var option = new Option<string>(name, alias) { Description = description };
        option.AcceptOnlyFromAmong([.. allowed]);
        return option;
    }
}
