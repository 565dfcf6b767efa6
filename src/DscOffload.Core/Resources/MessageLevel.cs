namespace DscOffload.Core.Resources;

/// <summary>Severity of a message, ordered like DSC trace levels (error is the most severe).</summary>
public enum MessageLevel
{
    /// <summary>A failure.</summary>
    Error = 0,

    /// <summary>Something the operator should look at.</summary>
    Warning = 1,

    /// <summary>Informational, e.g. "feature not supported, desired off is satisfied".</summary>
    Information = 2,

    /// <summary>Detail for troubleshooting.</summary>
    Debug = 3,

    /// <summary>Very detailed detail.</summary>
    Trace = 4,
}
