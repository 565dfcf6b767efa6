namespace DscOffload.Windows.Cim;

/// <summary>
/// The error instance a CIM provider attaches to a failure, reduced to the properties the platform reads. On
/// Windows it is an <c>MSFT_WmiError</c>, which extends <c>CIM_Error</c>
/// (https://learn.microsoft.com/previous-versions/windows/desktop/ramgmtpsprov/msft-wmierror): <c>error_Type</c>
/// says what kind of code <c>error_Code</c> is (MI's <c>mi.h</c> names "MI", "HRESULT" and "Win32"), and
/// <c>Message</c> is the provider's own text. A provider can fail with MI's generic <c>FAILED</c> and say in
/// these properties that a value was rejected (Win32 <c>ERROR_INVALID_PARAMETER</c>) or access was denied.
/// </summary>
/// <param name="ErrorType">The <c>error_Type</c> property ("MI", "HRESULT", "Win32"; compared without case).</param>
/// <param name="ErrorCode">The <c>error_Code</c> property, read as <c>ErrorType</c> says.</param>
/// <param name="CimStatusCode">The <c>CIMStatusCode</c> property (DMTF codes, the same numbers as MI's results).</param>
/// <param name="MessageId">The <c>MessageID</c> property, the provider's identifier of the message.</param>
/// <param name="Message">The <c>Message</c> property, the provider's reason in words.</param>
/// <param name="WindowsErrorMessage">The <c>error_WindowsErrorMessage</c> property, the system's text for the code.</param>
internal sealed record CimErrorDetails(
    string? ErrorType = null,
    uint? ErrorCode = null,
    uint? CimStatusCode = null,
    string? MessageId = null,
    string? Message = null,
    string? WindowsErrorMessage = null)
{
    /// <summary>The reason in words: the provider's message, else the system's text for the code, else null.</summary>
    public string? Reason =>
        !string.IsNullOrWhiteSpace(Message) ? OneLine(Message)
        : !string.IsNullOrWhiteSpace(WindowsErrorMessage) ? OneLine(WindowsErrorMessage)
        : null;

    /// <summary>The Win32 error code the details carry (directly, or inside an HRESULT of facility Win32), or null.</summary>
    public uint? Win32Code => ErrorCode is not { } code ? null
        : string.Equals(ErrorType, "Win32", StringComparison.OrdinalIgnoreCase) ? code
        : string.Equals(ErrorType, "HRESULT", StringComparison.OrdinalIgnoreCase) && (code & 0xFFFF0000) == 0x80070000 ? code & 0xFFFF
        : null;

    /// <summary>A short form for messages, e.g. <c>Win32 error 87</c> or <c>HRESULT 0x80041003</c>; null without a code.</summary>
    public string? CodeText => ErrorCode is not { } code ? null
        : string.Equals(ErrorType, "HRESULT", StringComparison.OrdinalIgnoreCase) ? $"HRESULT 0x{code:X8}"
        : $"{ErrorType ?? "error"} {(string.Equals(ErrorType, "Win32", StringComparison.OrdinalIgnoreCase) ? "error " : "")}{code}";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
