namespace DscOffload.Windows.Cim;

/// <summary>
/// Decides the <see cref="CimFailure"/> of a failed operation from MI's result code and the provider's error
/// details (<see cref="CimErrorDetails"/>). The live gateway and the fakes both build their errors through it,
/// so the rules below are tested once and run the same on a host.
/// </summary>
/// <remarks>
/// Precedence: a result that says the class, query or method does not exist stands (it selects a fallback or
/// is a bug); otherwise the details decide when they name a code this table knows, because providers report
/// rejections as MI's generic <c>FAILED</c> with the reason in the details; otherwise MI's result stands.
/// </remarks>
internal static class CimErrorClassifier
{
    // System error codes (learn.microsoft.com/windows/win32/debug/system-error-codes--0-499- and --1000-1299-).
    private const uint ErrorAccessDenied = 5;
    private const uint ErrorInvalidData = 13;
    private const uint ErrorNotSupported = 50;
    private const uint ErrorInvalidParameter = 87;
    private const uint ErrorNotFound = 1168;

    // WMI's own HRESULTs (WbemErrorEnum, learn.microsoft.com/windows/win32/wmisdk/wmi-error-constants).
    private const uint WbemAccessDenied = 0x80041003;
    private const uint WbemTypeMismatch = 0x80041005;
    private const uint WbemInvalidParameter = 0x80041008;
    private const uint WbemNotSupported = 0x8004100C;

    /// <summary>The failure for MI's classified result <paramref name="native"/> and the provider's <paramref name="details"/>.</summary>
    public static CimFailure Classify(CimFailure native, CimErrorDetails? details)
    {
        if (native is CimFailure.ClassMissing or CimFailure.InvalidQuery or CimFailure.MethodNotFound || details is null)
        {
            return native;
        }

        return FromDetails(details) ?? native;
    }

    /// <summary>The failure a Win32 error code stands for, or null for a code this table does not know.</summary>
    public static CimFailure? FromWin32(uint code) => code switch
    {
        ErrorAccessDenied => CimFailure.AccessDenied,
        ErrorInvalidParameter or ErrorInvalidData => CimFailure.InvalidParameter,
        ErrorNotSupported => CimFailure.NotSupported,
        ErrorNotFound => CimFailure.NotFound,
        _ => null,
    };

    /// <summary>Builds the exception for a failed operation, classified by <see cref="Classify"/>, with the provider's reason in its message.</summary>
    /// <param name="native">MI's result, classified.</param>
    /// <param name="what">The operation, e.g. <c>modifying MSFT_NetAdapterLsoSettingData (InstanceID = "…")</c>.</param>
    /// <param name="details">The provider's error details, when it sent any.</param>
    /// <param name="fallbackReason">The reason to give when the details carry none (MI's message).</param>
    /// <param name="inner">The native exception, when there is one.</param>
    public static CimOperationException Exception(CimFailure native, string what, CimErrorDetails? details, string? fallbackReason, Exception? inner = null)
    {
        var reason = details?.Reason ?? fallbackReason ?? native.ToString();
        var code = details?.CodeText is { } text ? $" ({text})" : "";
        return new CimOperationException(Classify(native, details), $"{what} failed: {reason}{code}", inner, details);
    }

    private static CimFailure? FromDetails(CimErrorDetails details)
    {
        if (details.Win32Code is { } win32 && FromWin32(win32) is { } fromWin32)
        {
            return fromWin32;
        }

        if (details.ErrorCode is { } code)
        {
            var fromType = details.ErrorType?.ToUpperInvariant() switch
            {
                "HRESULT" => code switch
                {
                    WbemAccessDenied => CimFailure.AccessDenied,
                    WbemInvalidParameter or WbemTypeMismatch => CimFailure.InvalidParameter,
                    WbemNotSupported => CimFailure.NotSupported,
                    _ => (CimFailure?)null,
                },
                "MI" => FromCimStatus(code),
                _ => null,
            };
            if (fromType is not null)
            {
                return fromType;
            }
        }

        return details.CimStatusCode is { } status ? FromCimStatus(status) : null;
    }

    // DMTF CIM status codes, which MI's MI_Result repeats: 2 access denied, 4 invalid parameter, 6 not found,
    // 7 not supported, 12 no such property, 13 type mismatch.
    private static CimFailure? FromCimStatus(uint status) => status switch
    {
        2 => CimFailure.AccessDenied,
        4 or 12 or 13 => CimFailure.InvalidParameter,
        6 => CimFailure.NotFound,
        7 => CimFailure.NotSupported,
        _ => null,
    };
}
