namespace DscOffload.Reporting.Rendering;

/// <summary>Whether a fleet annotation reports a setting that differs or an instance that failed.</summary>
internal enum FleetAnnotationKind
{
    Drift,
    Failure,
}
