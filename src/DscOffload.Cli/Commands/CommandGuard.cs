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
        using var streams = new StandardStreams();
        try
        {
            return body(streams);
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
