namespace DscOffload.Packaging.PowerShell;

/// <summary>What a wrapper class property is for, which decides its <c>[DscProperty(...)]</c> attribute.</summary>
public enum WrapperPropertyRole
{
    /// <summary>Identifies the instance: <c>[DscProperty(Key)]</c>.</summary>
    Key,

    /// <summary>A desired value the configuration may set: <c>[DscProperty()]</c>.</summary>
    Configurable,

    /// <summary>Reported by Get only: <c>[DscProperty(NotConfigurable)]</c>.</summary>
    ReadOnly,
}
