using System.Text;
using DscOffload.Core.Recorded;

namespace DscOffload.Core.Tests.Recorded;

public class Utf8StringCacheTests
{
    [Fact]
    public void Get_TextsThatShareLengthAndEnds_EachGiveTheirOwnString()
    {
        // Same length, same first and last eight bytes: the same slot, so each replaces the other.
        var a = Encoding.UTF8.GetBytes("checksum-A-IPv4v4");
        var b = Encoding.UTF8.GetBytes("checksum-B-IPv4v4");

        Utf8StringCache.Get(a).Should().Be("checksum-A-IPv4v4");
        Utf8StringCache.Get(b).Should().Be("checksum-B-IPv4v4");
        Utf8StringCache.Get(a).Should().Be("checksum-A-IPv4v4");
    }

    [Fact]
    public void Get_SameTextTwice_GivesOneSharedString()
    {
        var first = Utf8StringCache.Get("receiveSideScaling"u8);

        Utf8StringCache.Get("receiveSideScaling"u8).Should().BeSameAs(first);
    }

    [Theory]
    [InlineData("")]
    [InlineData("é")]
    [InlineData("€uro-😀")]
    [InlineData("a text longer than sixty-four bytes is decoded every time, not kept in the table")]
    public void Get_AnyText_GivesItsString(string text)
    {
        Utf8StringCache.Get(Encoding.UTF8.GetBytes(text)).Should().Be(text);
    }
}
