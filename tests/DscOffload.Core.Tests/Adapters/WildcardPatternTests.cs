using CsCheck;
using DscOffload.Core.Adapters;

namespace DscOffload.Core.Tests.Adapters;

public class WildcardPatternTests
{
    [Theory]
    [InlineData("Ethernet*", "Ethernet 2", false, true)]
    [InlineData("Ethernet*", "ethernet 2", true, true)]
    [InlineData("Ethernet*", "ethernet 2", false, false)]
    [InlineData("eth?", "eth0", false, true)]
    [InlineData("eth?", "eth10", false, false)]
    [InlineData("*", "", false, true)]
    [InlineData("tx-tcp*-segmentation", "tx-tcp6-segmentation", false, true)]
    [InlineData("tx-tcp*-segmentation", "tx-tcp-ecn-segmentation", false, true)]
    [InlineData("tx-tcp*-segmentation", "tx-udp-segmentation", false, false)]
    [InlineData("*a*b", "xxaxxbxb", false, true)]
    [InlineData("a*", "b", false, false)]
    public void Matches_FollowsShellWildcardRules(string pattern, string text, bool ignoreCase, bool expected) =>
        WildcardPattern.Matches(pattern, text, ignoreCase).Should().Be(expected);

    [Fact]
    public void Matches_WithoutWildcards_IsEquality() =>
        Gen.String.Where(s => !s.Contains('*') && !s.Contains('?'))
            .Select(Gen.String)
            .Sample((p, t) => WildcardPattern.Matches(p, t, false) == (p == t));

    [Fact]
    public void Matches_StarPrefixAndSuffix_MatchesAnyTextContainingTheMiddle() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, 5].Select(Gen.String[Gen.Char.AlphaNumeric, 0, 10])
            .Sample((mid, text) => WildcardPattern.Matches("*" + mid + "*", text, false) == text.Contains(mid, StringComparison.Ordinal));
}
