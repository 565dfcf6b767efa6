using DscOffload.Core.Diagnostics;

namespace DscOffload.Cli;

/// <summary>
/// Exit codes of the command line (not the resource protocol). They follow dsc's table where the
/// meanings overlap (0, 1, 2, 4, 5) and are documented in README.md.
/// </summary>
public static class CliExitCode
{
    /// <summary>Success (for test: ran fine, whether or not in desired state).</summary>
    public const int Success = 0;

    /// <summary>Bad command line, or an operation the target does not allow (set against recorded state).</summary>
    public const int InvalidArguments = 1;

    /// <summary>A resource failed on some host (the result says which; hadErrors is true).</summary>
    public const int ResourceError = 2;

    /// <summary>The change needs administrator or root rights; nothing was changed.</summary>
    public const int ElevationRequired = 3;

    /// <summary>A document, parameters file, snapshot or input cannot be parsed or breaks document rules.</summary>
    public const int InvalidInput = 4;

    /// <summary>A document does not satisfy the resource schemas (unknown type or property, wrong value).</summary>
    public const int ValidationFailed = 5;

    /// <summary>Another dscoffload change holds the host lock; nothing was changed.</summary>
    public const int Busy = 6;

    /// <summary>Some changes were applied before a failure; the message says which and how to roll back.</summary>
    public const int PartiallyApplied = 7;

    /// <summary>Drift was found and <c>--fail-on-drift</c> was given.</summary>
    public const int Drift = 8;

    /// <summary>The exit code for an error of kind <paramref name="kind"/>.</summary>
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArguments or ErrorKind.NotAllowed => InvalidArguments,
        ErrorKind.InvalidInput => InvalidInput,
        ErrorKind.ValidationFailed => ValidationFailed,
        ErrorKind.ElevationRequired => ElevationRequired,
        ErrorKind.Busy => Busy,
        ErrorKind.PartiallyApplied => PartiallyApplied,
        _ => ResourceError,
    };
}
