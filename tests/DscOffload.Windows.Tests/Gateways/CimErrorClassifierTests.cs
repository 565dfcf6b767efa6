using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Tests.Gateways;

/// <summary>
/// How a failed CIM operation is classified from MI's result and the provider's error instance (MSFT_WmiError,
/// https://learn.microsoft.com/previous-versions/windows/desktop/ramgmtpsprov/msft-wmierror: error_Type, error_Code,
/// CIMStatusCode, Message). The live gateway and the fakes use the same classifier.
/// </summary>
public class CimErrorClassifierTests
{
    [Theory]
    [InlineData("Win32", 5u, "AccessDenied")]
    [InlineData("WIN32", 87u, "InvalidParameter")]
    [InlineData("Win32", 13u, "InvalidParameter")]
    [InlineData("Win32", 50u, "NotSupported")]
    [InlineData("Win32", 1168u, "NotFound")]
    [InlineData("HRESULT", 0x80070005u, "AccessDenied")]
    [InlineData("HRESULT", 0x80070057u, "InvalidParameter")]
    [InlineData("HRESULT", 0x80041003u, "AccessDenied")]
    [InlineData("HRESULT", 0x80041008u, "InvalidParameter")]
    [InlineData("MI", 2u, "AccessDenied")]
    [InlineData("MI", 4u, "InvalidParameter")]
    public void Classify_GenericFailureWithKnownCodeInTheDetails_TakesTheDetails(string type, uint code, string expected)
    {
        CimErrorClassifier.Classify(CimFailure.Failed, new CimErrorDetails(type, code)).Should().Be(Enum.Parse<CimFailure>(expected));
    }

    [Fact]
    public void Classify_UnknownCodeInTheDetails_KeepsMiResult()
    {
        CimErrorClassifier.Classify(CimFailure.Failed, new CimErrorDetails("Win32", 31)).Should().Be(CimFailure.Failed);
        CimErrorClassifier.Classify(CimFailure.NotSupported, new CimErrorDetails("HRESULT", 0x80004005)).Should().Be(CimFailure.NotSupported);
        CimErrorClassifier.Classify(CimFailure.AccessDenied, null).Should().Be(CimFailure.AccessDenied);
    }

    [Fact]
    public void Classify_OnlyCimStatusCodeInTheDetails_UsesIt()
    {
        CimErrorClassifier.Classify(CimFailure.Failed, new CimErrorDetails(CimStatusCode: 2)).Should().Be(CimFailure.AccessDenied);
        CimErrorClassifier.Classify(CimFailure.Failed, new CimErrorDetails(CimStatusCode: 4)).Should().Be(CimFailure.InvalidParameter);
    }

    [Theory]
    [InlineData(nameof(CimFailure.ClassMissing))]
    [InlineData(nameof(CimFailure.InvalidQuery))]
    [InlineData(nameof(CimFailure.MethodNotFound))]
    public void Classify_MissingClassQueryOrMethod_IsNeverOverriddenByDetails(string name)
    {
        var native = Enum.Parse<CimFailure>(name);
        // A missing class selects the registry fallback; the details must not turn it into a rejection.
        CimErrorClassifier.Classify(native, new CimErrorDetails("Win32", 87)).Should().Be(native);
    }

    [Fact]
    public void Exception_CarriesTheProvidersReasonAndCode()
    {
        var details = new CimErrorDetails("Win32", 87, Message: "The parameter is incorrect.\r\n", MessageId: "Windows System Error 87");

        var e = CimErrorClassifier.Exception(CimFailure.Failed, "modifying X", details, "MI says FAILED");

        e.Failure.Should().Be(CimFailure.InvalidParameter);
        e.Message.Should().Be("modifying X failed: The parameter is incorrect. (Win32 error 87)");
        e.Details.Should().Be(details);
    }

    [Fact]
    public void Exception_WithoutMessageInTheDetails_FallsBackToTheWindowsTextThenMiMessage()
    {
        CimErrorClassifier.Exception(CimFailure.Failed, "x", new CimErrorDetails("HRESULT", 0x80070005, WindowsErrorMessage: "Access is denied."), "generic").Message
            .Should().Be("x failed: Access is denied. (HRESULT 0x80070005)");
        CimErrorClassifier.Exception(CimFailure.Failed, "x", null, "generic").Message.Should().Be("x failed: generic");
    }
}
