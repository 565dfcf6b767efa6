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
    [InlineData("*a", "*ba", false, true)]
    [InlineData("Ethernet`*", "Ethernet*", false, true)]
    [InlineData("Ethernet`*", "Ethernet 2", false, false)]
    [InlineData("eth`?", "eth0", false, false)]
    [InlineData("a``b", "a`b", false, true)]
    [InlineData("a`", "a`", false, true)]
    [InlineData("`*`?*", "*?anything", false, true)]
    public void Matches_FollowsShellWildcardRules(string pattern, string text, bool ignoreCase, bool expected) =>
        WildcardPattern.Matches(pattern, text, ignoreCase).Should().Be(expected);

    [Fact]
    public void Matches_WithoutWildcards_IsEquality() =>
        Gen.String.Where(s => s.AsSpan().IndexOfAny("*?`") < 0)
            .Select(Gen.String)
            .Sample((p, t) => WildcardPattern.Matches(p, t, false) == (p == t));

    [Fact]
    public void Matches_StarPrefixAndSuffix_MatchesAnyTextContainingTheMiddle() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, 5].Select(Gen.String[Gen.Char.AlphaNumeric, 0, 10])
            .Sample((mid, text) => WildcardPattern.Matches("*" + mid + "*", text, false) == text.Contains(mid, StringComparison.Ordinal));

    [Fact]
    public void Escape_GivesAPatternThatMatchesExactlyTheLiteral() =>
        Gen.String[Gen.Char["ab*?`[]"], 0, 8].Select(Gen.String[Gen.Char["ab*?`[]"], 0, 8])
            .Sample((literal, text) => WildcardPattern.Matches(WildcardPattern.Escape(literal), text, false) == (literal == text)
                && !WildcardPattern.HasWildcards(WildcardPattern.Escape(literal))
                && WildcardPattern.Unescape(WildcardPattern.Escape(literal)) == literal);

    [Theory]
    [InlineData("Ethernet*", "Ethernet`*")]
    [InlineData("a?[1]`", "a`?`[1`]``")]
    [InlineData("eth0", "eth0")]
    public void Escape_PutsABacktickBeforeWhatPowerShellsWildcardEscapeDoes(string literal, string escaped) =>
        WildcardPattern.Escape(literal).Should().Be(escaped);
}
