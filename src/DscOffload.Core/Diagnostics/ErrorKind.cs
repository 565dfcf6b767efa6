namespace DscOffload.Core.Diagnostics;

/// <summary>
/// What kind of failure an error is. Each kind maps to one exit code of the command line
/// (see <c>CliExitCode</c>) and, for the resource protocol, of the resource manifest.
/// </summary>
public enum ErrorKind
{
    /// <summary>A bug or an unexpected platform failure.</summary>
    Unexpected,

    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    InvalidArguments,

    /// <summary>Input that cannot be parsed or that breaks the document rules (syntax, expressions, cycles).</summary>
    InvalidInput,

    /// <summary>Input that parses but does not satisfy a resource schema (unknown property, wrong type or value).</summary>
    ValidationFailed,

    /// <summary>The operation needs privileges the process does not have.</summary>
    ElevationRequired,

    /// <summary>No adapter matched a selection that must match.</summary>
    NoMatch,

    /// <summary>The host cannot do what was asked (feature not supported or not changeable).</summary>
    NotSupported,

    /// <summary>Another dscoffload change holds the host lock.</summary>
    Busy,

    /// <summary>Some changes were applied before a failure stopped the rest.</summary>
    PartiallyApplied,

    /// <summary>The operation is not allowed against this target (for example set against recorded state).</summary>
    NotAllowed,
}
