namespace DscOffload.Windows.Cim;

/// <summary>
/// A failed CIM operation, classified by <see cref="Failure"/>. It stays inside the Windows backend:
/// the live platform (<c>Live.CimWindowsOffloadPlatform</c>) catches it and either falls back (a missing class) or
/// turns it into the operator-facing <see cref="Core.Diagnostics.DscOffloadException"/>.
/// </summary>
internal sealed class CimOperationException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="failure">The classified reason.</param>
    /// <param name="message">What failed, naming the class (and instance) concerned.</param>
    /// <param name="inner">The native error, when there is one.</param>
    /// <param name="details">The provider's error details, when it sent any (see <see cref="CimErrorClassifier"/>).</param>
    public CimOperationException(CimFailure failure, string message, Exception? inner = null, CimErrorDetails? details = null)
        : base(message, inner)
    {
        Failure = failure;
        Details = details;
    }

    /// <summary>The classified reason.</summary>
    public CimFailure Failure { get; }

    /// <summary>The provider's error details, or null when it sent none.</summary>
    public CimErrorDetails? Details { get; }
}
