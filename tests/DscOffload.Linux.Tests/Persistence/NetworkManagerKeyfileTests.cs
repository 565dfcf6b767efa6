using DscOffload.Linux.Persistence;

namespace DscOffload.Linux.Tests.Persistence;

public class NetworkManagerKeyfileTests
{
    private static readonly Dictionary<string, string> GroOff = new() { ["feature-gro"] = "false" };

    [Fact]
    public void SetKeys_WithoutAnEthtoolSection_AppendsOneAndKeepsEveryOtherByte()
    {
        const string Profile = "# written by hand\n[connection]\nid=uplink\ninterface-name=eth0\n\n[ipv4]\nmethod=auto\n";

        var result = NetworkManagerKeyfile.SetKeys(Profile, "ethtool", GroOff);

        result.Should().Be(Profile + "\n[ethtool]\nfeature-gro=false\n");
    }

    [Fact]
    public void SetKeys_ChangesOnlyTheValueOfAKeyAlreadyThere()
    {
        const string Profile = "[connection]\nid=x\n\n[ethtool]\n# ours\nfeature-gro = true\nfeature-lro=false\n\n[ipv6]\nmethod=ignore\n";

        var result = NetworkManagerKeyfile.SetKeys(Profile, "ethtool", GroOff);

        result.Should().Be("[connection]\nid=x\n\n[ethtool]\n# ours\nfeature-gro=false\nfeature-lro=false\n\n[ipv6]\nmethod=ignore\n");
    }

    [Fact]
    public void SetKeys_AddsAMissingKeyAfterTheLastKeyOfTheSection_WithTheFilesLineEndings()
    {
        const string Profile = "[ethtool]\r\nfeature-lro=false\r\n\r\n[ipv4]\r\nmethod=auto\r\n";

        var result = NetworkManagerKeyfile.SetKeys(Profile, "ethtool", GroOff);

        result.Should().Be("[ethtool]\r\nfeature-lro=false\r\nfeature-gro=false\r\n\r\n[ipv4]\r\nmethod=auto\r\n");
    }

    [Fact]
    public void SetKeys_WhenNothingDiffers_ReturnsTheSameText()
    {
        const string Profile = "[ethtool]\nfeature-gro=false";

        NetworkManagerKeyfile.SetKeys(Profile, "ethtool", GroOff).Should().BeSameAs(Profile);
    }

    [Fact]
    public void SetKeys_FileWithoutFinalNewline_GetsOneBeforeTheNewSection()
    {
        NetworkManagerKeyfile.SetKeys("[connection]\nid=x", "ethtool", GroOff).Should().Be("[connection]\nid=x\n\n[ethtool]\nfeature-gro=false\n");
    }
}
