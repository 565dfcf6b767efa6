namespace DscOffload.Windows.Tests.Safety;

/// <summary>When an injected fault strikes relative to the operation it replaces.</summary>
public enum FaultTiming
{
    /// <summary>The operation fails without doing anything.</summary>
    Before,

    /// <summary>The operation takes effect and then reports failure.</summary>
    After,
}
