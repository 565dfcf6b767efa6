namespace DscOffload.Windows.Cim;

/// <summary>
/// Why a CIM operation failed, reduced to what the offload platform decides on. The live gateway
/// maps MI's native error codes onto these; fakes raise them the same way.
/// </summary>
internal enum CimFailure
{
    /// <summary>Something else went wrong (provider failure, timeout, server shutting down).</summary>
    Failed,

    /// <summary>
    /// The class or its namespace does not exist on this host (MI <c>InvalidClass</c> or
    /// <c>InvalidNamespace</c>): e.g. every <c>MSFT_NetAdapter*</c> class on Server 2008 R2. The
    /// platform then falls back to the registry for that class.
    /// </summary>
    ClassMissing,

    /// <summary>The instance no longer exists (an adapter removed between read and write).</summary>
    NotFound,

    /// <summary>The caller lacks the rights for the operation (writes need an elevated process).</summary>
    AccessDenied,

    /// <summary>
    /// The provider rejected a value or parameter (MI <c>InvalidParameter</c>, <c>TypeMismatch</c>,
    /// <c>NoSuchProperty</c>), e.g. an advanced property value that is not among its valid values.
    /// </summary>
    InvalidParameter,

    /// <summary>The provider does not support the operation or the property is read-only.</summary>
    NotSupported,

    /// <summary>The WQL query is malformed (a bug in the caller).</summary>
    InvalidQuery,

    /// <summary>The class has no such method.</summary>
    MethodNotFound,
}
