namespace DscOffload.Packaging.MachineConfiguration;

/// <summary>The <c>Type</c> of a Machine Configuration package (its metaconfig), which decides whether Set may run.</summary>
public enum MachineConfigurationType
{
    /// <summary>Only Test and Get run; the assignment reports compliance.</summary>
    Audit,

    /// <summary>Test, then Set when the assignment allows it (ApplyAndMonitor, ApplyAndAutoCorrect), then Get.</summary>
    AuditAndSet,
}
