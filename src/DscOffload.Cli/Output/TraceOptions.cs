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

    /// <summary>A trace writer for the options given, or null when neither was given (the command's own stderr lines).</summary>
    public static TraceWriter? Read(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var level = parse.GetValue(Level);
        var format = parse.GetValue(Format);
        return level is null && format is null ? null : new TraceWriter(error, level, format);
    }

    private static Option<string> Create(string name, string alias, string description, IReadOnlyList<string> allowed)
    {
        var option = new Option<string>(name, alias) { Description = description };
        option.AcceptOnlyFromAmong([.. allowed]);
        return option;
    }
}
