using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Resources;

/// <summary>
/// Exit codes of <c>dscoffload resource …</c>, one meaning each, identical in every manifest
/// (README.md, "Exit codes of <c>dscoffload resource</c>"). <c>dsc</c> shows the manifest text for a mapped code instead of stderr.
/// </summary>
public enum ResourceExitCode
{
    /// <summary>The operation succeeded (including "not in desired state" for test).</summary>
    Success = 0,

    /// <summary>An unexpected error (a bug, or a platform failure with no better code).</summary>
    UnexpectedError = 1,

    /// <summary>The input JSON is malformed or does not satisfy the resource schema.</summary>
    InvalidInput = 2,

    /// <summary>The operation needs administrator or root privileges.</summary>
    ElevationRequired = 3,

    /// <summary>No adapter matches the selection (and allowNoMatch is false).</summary>
    NoMatchingAdapter = 4,

    /// <summary>A desired feature is not supported or cannot be changed on the adapter, or a read-only type's set assertion failed.</summary>
    NotSupported = 5,

    /// <summary>Another dscoffload change is running on this host.</summary>
    Busy = 6,

    /// <summary>Some changes were applied before a failure stopped the rest.</summary>
    PartiallyApplied = 7,
}

/// <summary>Maps error kinds to resource exit codes.</summary>
public static class ResourceExitCodes
{
    /// <summary>The text that every manifest's <c>exitCodes</c> map carries, by code.</summary>
    public static IReadOnlyList<(ResourceExitCode Code, string Meaning)> All { get; } =
    [
        (ResourceExitCode.Success, "Success"),
        (ResourceExitCode.UnexpectedError, "Unexpected error; see the error lines on stderr"),
        (ResourceExitCode.InvalidInput, "Invalid input: the JSON is malformed or does not match the resource schema"),
        (ResourceExitCode.ElevationRequired, "Elevation required: run as administrator or root to change offload settings"),
        (ResourceExitCode.NoMatchingAdapter, "No network adapter matches the selection"),
        (ResourceExitCode.NotSupported, "A desired offload feature is not supported or not changeable on the adapter, or an assertion failed: set of a read-only (OffloadCoexistence) type found the host not in the desired state; see stderr"),
        (ResourceExitCode.Busy, "Another dscoffload change is running on this host"),
        (ResourceExitCode.PartiallyApplied, "Partially applied: some changes were made before a failure; see stderr and use 'dscoffload rollback'"),
    ];

    /// <summary>The exit code for an error kind.</summary>
    public static ResourceExitCode For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput or ErrorKind.ValidationFailed or ErrorKind.InvalidArguments => ResourceExitCode.InvalidInput,
        ErrorKind.ElevationRequired => ResourceExitCode.ElevationRequired,
        ErrorKind.NoMatch => ResourceExitCode.NoMatchingAdapter,
        ErrorKind.NotSupported or ErrorKind.NotAllowed => ResourceExitCode.NotSupported,
        ErrorKind.Busy => ResourceExitCode.Busy,
        ErrorKind.PartiallyApplied => ResourceExitCode.PartiallyApplied,
        _ => ResourceExitCode.UnexpectedError,
    };
}
