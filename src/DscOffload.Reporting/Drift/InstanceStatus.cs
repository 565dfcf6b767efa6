namespace DscOffload.Reporting.Drift;

/// <summary>How one resource instance fared on one host; decides whether it is reported as drift or as an error.</summary>
public enum InstanceStatus
{
    /// <summary>The host already has what the document asks for.</summary>
    InDesiredState,

    /// <summary>At least one setting differs (in what-if: at least one setting would change).</summary>
    Drifted,

    /// <summary>The instance could not be evaluated on this host; this is an error, not drift.</summary>
    Failed,
}
