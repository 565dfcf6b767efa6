namespace DscOffload.Core.Engine;

/// <summary>The configuration operations, named as in <c>dsc config</c>.</summary>
public enum EngineOperation
{
    /// <summary>Read actual state.</summary>
    Get,

    /// <summary>Compare with desired state.</summary>
    Test,

    /// <summary>Apply desired state (or predict it with what-if).</summary>
    Set,

    /// <summary>Export every instance of the document's types.</summary>
    Export,
}
