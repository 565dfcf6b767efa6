namespace DscOffload.Core.Documents;

/// <summary>
/// The declared type of a configuration parameter (<c>parameters.&lt;name&gt;.type</c>). The secure
/// variants take the same values as their plain forms but must never be echoed in output or logs.
/// </summary>
public enum ParameterType
{
    /// <summary><c>string</c>: a JSON string.</summary>
    String,

    /// <summary><c>secureString</c>: a string that must not be shown.</summary>
    SecureString,

    /// <summary><c>int</c>: a JSON integer.</summary>
    Int,

    /// <summary><c>bool</c>: <c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary><c>object</c>: a JSON object.</summary>
    Object,

    /// <summary><c>secureObject</c>: an object that must not be shown.</summary>
    SecureObject,

    /// <summary><c>array</c>: a JSON array.</summary>
    Array,
}
