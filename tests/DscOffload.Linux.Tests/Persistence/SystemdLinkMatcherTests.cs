using DscOffload.Linux.Persistence;

namespace DscOffload.Linux.Tests.Persistence;

public sealed class SystemdLinkMatcherTests
{
    private static readonly LinkDeviceFacts Device = new("enp3s0", "52:54:00:12:34:56", "52:54:00:aa:bb:cc",
        new Dictionary<string, string> { ["ID_PATH"] = "pci-0000:03:00.0", ["ID_NET_DRIVER"] = "e1000e", ["ID_BUS"] = "pci" });

    private static LinkMatchVerdict Verdict(string text, LinkDeviceFacts? device = null) =>
        SystemdLinkMatcher.Evaluate(LinkFileLines.Read(text), device ?? Device).Verdict;

    [Theory]
    [InlineData("OriginalName=enp3s0", nameof(LinkMatchVerdict.Matches))]
    [InlineData("OriginalName=eth0 enp*", nameof(LinkMatchVerdict.Matches))]
    [InlineData("OriginalName=enp[0-9]s?", nameof(LinkMatchVerdict.Matches))]
    [InlineData("OriginalName=!enp3s0", nameof(LinkMatchVerdict.DoesNotMatch))]
    [InlineData("OriginalName=!eth*", nameof(LinkMatchVerdict.Matches))]
    [InlineData("OriginalName=eth0", nameof(LinkMatchVerdict.DoesNotMatch))]
    [InlineData("PermanentMACAddress=52-54-00-12-34-56", nameof(LinkMatchVerdict.Matches))]
    [InlineData("MACAddress=52:54:00:AA:BB:CC", nameof(LinkMatchVerdict.Matches))]
    [InlineData("MACAddress=52:54:00:12:34:56", nameof(LinkMatchVerdict.DoesNotMatch))]
    [InlineData("Path=pci-0000:03:*", nameof(LinkMatchVerdict.Matches))]
    [InlineData("Driver=virtio_net", nameof(LinkMatchVerdict.DoesNotMatch))]
    [InlineData("Property=ID_BUS=usb", nameof(LinkMatchVerdict.DoesNotMatch))]
    [InlineData("Property=ID_BUS=pci ID_NET_DRIVER=e1000*", nameof(LinkMatchVerdict.Matches))]
    [InlineData("OriginalName=*\nType=wlan", nameof(LinkMatchVerdict.Unknown))]
    [InlineData("OriginalName=eth0\nType=wlan", nameof(LinkMatchVerdict.DoesNotMatch))]
    [InlineData("OriginalName=eth0\nOriginalName=\nOriginalName=enp3s0", nameof(LinkMatchVerdict.Matches))]
    // The verdict by name: the enum is internal to DscOffload.Linux, and a public test method cannot take it.
    public void MatchKeys_FollowUdevd(string match, string expected) =>
        Verdict($"[Match]\n{match}\n[Link]\nMTUBytes=1400\n").ToString().Should().Be(expected);

    [Theory]
    [InlineData("[Match]\nOriginalName=eth*\n[Link]\nName=enp3s0\n", nameof(LinkMatchVerdict.Matches))]
    [InlineData("[Match]\nOriginalName=eth*\n[Link]\nName=lan0\n", nameof(LinkMatchVerdict.DoesNotMatch))]
    [InlineData("[Match]\nOriginalName=eth*\nDriver=virtio_net\n[Link]\nName=enp3s0\n", nameof(LinkMatchVerdict.DoesNotMatch))]
    // netplan's match: name with set-name renders OriginalName=<glob> and Name=<set-name>: udevd matched the kernel's name before the rename.
    public void OriginalName_OfAFileThatGivesTheDeviceItsCurrentName_IsTakenAsMatchedBeforeTheRename(string text, string expected) =>
        Verdict(text).ToString().Should().Be(expected);

    [Fact]
    public void FileWithoutMatchKeys_IsIgnoredLikeUdevdDoes() =>
        Verdict("[Link]\nMTUBytes=1400\n").Should().Be(LinkMatchVerdict.DoesNotMatch);

    [Fact]
    public void UnknownFacts_MakeTheVerdictUnknown_NotAGuess()
    {
        var bare = new LinkDeviceFacts("enp3s0", null, null, null);

        Verdict("[Match]\nMACAddress=52:54:00:aa:bb:cc\n", bare).Should().Be(LinkMatchVerdict.Unknown);
        Verdict("[Match]\nProperty=ID_BUS=pci\n", bare).Should().Be(LinkMatchVerdict.Unknown);
        Verdict("[Match]\nPermanentMACAddress=52:54:00:12:34:56\n", bare).Should().Be(LinkMatchVerdict.DoesNotMatch);
    }

    [Theory]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("[!a]x", "bx", true)]
    [InlineData("[!a]x", "ax", false)]
    [InlineData(@"a\*", "a*", true)]
    [InlineData(@"a\*", "ab", false)]
    [InlineData("[a", "[a", true)]
    public void ShellGlob_FollowsFnmatch(string pattern, string text, bool expected) =>
        ShellGlob.Matches(pattern, text).Should().Be(expected);
}
