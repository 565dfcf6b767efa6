using System.CommandLine;
using DscOffload.Cli.Output;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Cli.Commands;

/// <summary>
/// Runs a command body and turns failures into one line on stderr and a documented exit code.
/// No handler exits the process itself; every path returns its code to <c>Main</c>.
/// </summary>
public static class CommandGuard
{
    /// <summary>Runs <paramref name="body"/> with the process streams.</summary>
    public static int Run(Func<StandardStreams, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Run(null, (streams, _) => body(streams));
    }

    /// <summary>
    /// Runs <paramref name="body"/> with the process streams and the trace writer of dsc's <c>-l</c>/<c>-t</c> options
    /// (null when neither was given); with one, a failure is an ERROR trace line as dsc writes it.
    /// </summary>
    public static int Run(ParseResult? parse, Func<StandardStreams, TraceWriter?, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var streams = new StandardStreams();
        var trace = parse is null ? null : TraceOptions.Read(parse, streams.Error);
        try
        {
            return body(streams, trace);
        }
        catch (DscOffloadException e) when (trace is not null)
        {
            trace.Write(Core.Resources.MessageLevel.Error, e.OneLine);
            return CliExitCode.For(e.Kind);
        }
        catch (DscOffloadException e)
        {
            streams.Error.WriteLine($"dscoffload: error: {e.OneLine}");
            return CliExitCode.For(e.Kind);
        }
        catch (IOException e)
        {
            streams.Error.WriteLine($"dscoffload: error: {e.Message.ReplaceLineEndings(" ")}");
            return CliExitCode.InvalidInput;
        }
        catch (UnauthorizedAccessException e)
        {
            streams.Error.WriteLine($"dscoffload: error: {e.Message.ReplaceLineEndings(" ")}");
            return CliExitCode.ElevationRequired;
        }
#pragma warning disable CA1031 // The last line of defence: a bug must still end in one line and a code, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            streams.Error.WriteLine($"dscoffload: unexpected error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}");
            return CliExitCode.ResourceError;
        }
    }
}
