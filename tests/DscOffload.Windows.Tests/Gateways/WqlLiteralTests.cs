using CsCheck;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Gateways;

public class WqlLiteralTests
{
    [Theory]
    [InlineData("Ethernet", "'Ethernet'")]
    [InlineData("O'Brien's NIC", @"'O\'Brien\'s NIC'")]
    [InlineData(@"C:\path", @"'C:\\path'")]
    [InlineData("say \"hi\"", "'say \\\"hi\\\"'")]
    public void Quote_EscapesBackslashesAndQuotes(string value, string literal)
    {
        WqlLiteral.Quote(value).Should().Be(literal);
    }

    [Fact]
    public void EqualsFilter_AnyString_ParsesBackToExactlyThatString()
    {
        Gen.String.Sample(value =>
        {
            var filter = FakeWqlFilter.Parse(WqlLiteral.EqualsFilter("Name", value));
            return filter.Terms.Count == 1 && filter.Terms[0].Key == "Name" && filter.Terms[0].Value == value;
        });
    }

    [Fact]
    public void EqualsFilter_StringWithQuotes_CannotInjectASecondTerm()
    {
        var filter = FakeWqlFilter.Parse(WqlLiteral.EqualsFilter("Name", "x' AND Name = 'y"));

        filter.Terms.Should().ContainSingle().Which.Value.Should().Be("x' AND Name = 'y");
    }
}
