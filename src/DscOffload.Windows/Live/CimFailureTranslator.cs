using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Live;

/// <summary>Turns gateway failures into the operator-facing errors the platform contract promises.</summary>
internal static class CimFailureTranslator
{
    /// <summary>
    /// The error for a failed CIM operation. <paramref name="what"/> names the operation from the
    /// operator's view ("changing lsoIPv4 of adapter 'Ethernet 2'"); <paramref name="validValues"/>
    /// is appended when a value was rejected and the valid ones are known. The gateway's message carries the
    /// provider's own reason and code (<see cref="CimErrorClassifier"/>), so it is kept in every error.
    /// </summary>
    public static DscOffloadException Translate(CimOperationException e, string what, string? validValues = null) => e.Failure switch
    {
        CimFailure.AccessDenied => new DscOffloadException(ErrorKind.ElevationRequired, $"{what} needs an elevated (administrator) process: access denied ({e.Message})", null, e),
        CimFailure.InvalidParameter => new DscOffloadException(ErrorKind.NotSupported, $"{what} was rejected by the driver{(validValues is null ? "" : $"; valid values: {validValues}")} ({e.Message})", null, e),
        CimFailure.NotSupported or CimFailure.ClassMissing or CimFailure.MethodNotFound => new DscOffloadException(ErrorKind.NotSupported, $"{what} is not supported on this host ({e.Message})", null, e),
        CimFailure.NotFound => new DscOffloadException(ErrorKind.NoMatch, $"{what} failed: the adapter or setting no longer exists ({e.Message})", null, e),
        _ => new DscOffloadException(ErrorKind.Unexpected, $"{what} failed: {e.Message}", null, e),
    };
}
