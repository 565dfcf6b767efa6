using CsCheck;
using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Tests.Privileged;

namespace DscOffload.Linux.Tests.Persistence;

public sealed class SystemdLinkFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dscoffload-link-" + Guid.NewGuid().ToString("N"));

    private static readonly SystemdLinkSettings NicSettings = new()
    {
        MatchPermanentAddress = "52:54:00:12:34:56",
        Name = "enp3s0",
        FeatureSwitches = new Dictionary<string, bool> { ["GenericReceiveOffload"] = true, ["TCPSegmentationOffload"] = false },
        Channels = new SystemdLinkChannels(null, null, null, 4),
    };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void FileNameFor_SortsBeforeDistributionDefaults()
    {
        var name = SystemdLinkFile.FileNameFor("enp3s0");

        name.Should().Be("10-dscoffload-enp3s0.link");
        string.CompareOrdinal(name, "99-default.link").Should().BeNegative();
        new SystemdLinkFile().PathFor("eth0").Should().Be("/etc/systemd/network/10-dscoffload-eth0.link");
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("eth0:1")]
    [InlineData("with space")]
    [InlineData("sixteen-chars-16")]
    public void FileNameFor_NameNoInterfaceCanHave_IsInvalidInput(string name)
    {
        var act = () => SystemdLinkFile.FileNameFor(name);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput);
    }

    [Fact]
    public void Render_WritesMatchThenLinkInKeyTableOrder()
    {
        var text = SystemdLinkFile.Render(NicSettings);

        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Should().Equal(
            "[Match]",
            "PermanentMACAddress=52:54:00:12:34:56",
            "[Link]",
            "Name=enp3s0",
            "TCPSegmentationOffload=false",
            "GenericReceiveOffload=true",
            "CombinedChannels=4");
    }

    [Fact]
    public void Parse_RenderedSettings_RoundTripsForAnySettings()
    {
        var keys = SystemdLinkKeys.FeatureKeys.Select(k => k.Key).ToArray();
        var genCount = Gen.Frequency((1, Gen.Const((uint?)null)), (2, Gen.UInt[1, 64].Select(c => (uint?)c)));
        var genSettings =
            from address in Gen.Bool
            from switches in Gen.Int[0, 2].Array[keys.Length]
            from rx in genCount
            from tx in genCount
            from other in genCount
            from combined in genCount
            select new SystemdLinkSettings
            {
                MatchPermanentAddress = address ? "aa:bb:cc:dd:ee:ff" : null,
                MatchOriginalName = address ? null : "v0",
                Name = address ? "lan0" : null,
                FeatureSwitches = keys.Where((_, i) => switches[i] != 0).ToDictionary(k => k, k => switches[Array.IndexOf(keys, k)] == 2),
                Channels = new SystemdLinkChannels(rx, tx, other, combined),
            };

        genSettings.Sample(settings =>
        {
            var parsed = SystemdLinkFile.Parse(SystemdLinkFile.Render(settings), "test.link");

            parsed.DifferencesFrom(settings).Should().BeEmpty();
            settings.DifferencesFrom(parsed).Should().BeEmpty();
        });
    }

    [Fact]
    public void Parse_AcceptsSystemdBooleanSpellingsCommentsAndSpaces()
    {
        const string text = "# comment\n; other comment\n[Match]\n  OriginalName = v0\n\n[Link]\nGenericReceiveOffload=yes\nLargeReceiveOffload=OFF\nNTupleFilter=1\nRxChannels= 2\n";

        var settings = SystemdLinkFile.Parse(text, "x.link");

        settings.MatchOriginalName.Should().Be("v0");
        settings.FeatureSwitches.Should().Equal(new Dictionary<string, bool>
        {
            ["GenericReceiveOffload"] = true, ["LargeReceiveOffload"] = false, ["NTupleFilter"] = true,
        });
        settings.Channels.Should().Be(new SystemdLinkChannels(2, null, null, null));
        settings.OtherEntries.Should().BeEmpty();
    }

    [Fact]
    public void Parse_KeysDscoffloadDoesNotWrite_AreKeptAndReportedAsDifferences()
    {
        var text = SystemdLinkFile.Render(NicSettings) + "MTUBytes=9000\n";

        var settings = SystemdLinkFile.Parse(text, "x.link");

        settings.OtherEntries.Should().Equal(new SystemdLinkEntry("Link", "MTUBytes", "9000"));
        settings.DifferencesFrom(NicSettings).Should().Equal("[Link] MTUBytes: the file has '9000', which dscoffload does not write");
        SystemdLinkFile.Render(settings).Should().Contain("MTUBytes=9000\n");
    }

    [Fact]
    public void DifferencesFrom_NamesEachKeyThatDiffers()
    {
        var onDisk = SystemdLinkFile.Parse(SystemdLinkFile.Render(NicSettings), "x.link");
        var desired = new SystemdLinkSettings
        {
            MatchPermanentAddress = "52:54:00:12:34:56",
            Name = "enp3s0",
            FeatureSwitches = new Dictionary<string, bool> { ["GenericReceiveOffload"] = false, ["LargeReceiveOffload"] = false },
            Channels = new SystemdLinkChannels(null, null, null, 4),
        };

        onDisk.DifferencesFrom(desired).Should().Equal(
            "[Link] TCPSegmentationOffload: the file has 'false', desired is not to set it",
            "[Link] GenericReceiveOffload: the file has 'true', desired 'false'",
            "[Link] LargeReceiveOffload: the file lacks it, desired 'false'");
    }

    [Fact]
    public void DifferencesFrom_AddressComparison_IgnoresCase()
    {
        var upper = new SystemdLinkSettings { MatchPermanentAddress = "52:54:00:AB:CD:EF" };
        var lower = new SystemdLinkSettings { MatchPermanentAddress = "52:54:00:ab:cd:ef" };

        upper.DifferencesFrom(lower).Should().BeEmpty();
    }

    [Theory]
    [InlineData("[Link]\nGenericReceiveOffload=maybe\n", 2, 23, "takes a boolean")]
    [InlineData("[Link]\nRxChannels=0\n", 2, 12, "takes a count")]
    [InlineData("[Link]\nRxChannels=max\n", 2, 12, "takes a count")]
    [InlineData("Name=eth0\n", 1, 1, "before any section")]
    [InlineData("[Match]\n  PermanentMACAddress\n", 2, 3, "key=value")]
    [InlineData("[Match\n", 1, 1, "section header")]
    public void Parse_MalformedFile_IsInvalidInputWithLocation(string text, int line, int column, string message)
    {
        var act = () => SystemdLinkFile.Parse(text, "/etc/systemd/network/10-dscoffload-eth0.link");

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.InvalidInput &&
            e.Location == new SourceLocation("/etc/systemd/network/10-dscoffload-eth0.link", line, column) &&
            e.Message.Contains(message));
    }

    [Fact]
    public void Write_ThenTryRead_ReturnsTheSameSettings()
    {
        var store = new SystemdLinkFile(_directory);

        var path = store.Write("enp3s0", NicSettings);

        path.Should().Be(Path.Combine(_directory, "10-dscoffload-enp3s0.link"));
        File.ReadAllText(path).Should().Be(SystemdLinkFile.Render(NicSettings));
        store.TryRead("enp3s0")!.DifferencesFrom(NicSettings).Should().BeEmpty();
        Directory.GetFiles(_directory).Should().ContainSingle("the temporary file is renamed, not left behind");
    }

    [Fact]
    public void TryRead_WithoutFile_IsNull()
    {
        new SystemdLinkFile(_directory).TryRead("eth0").Should().BeNull();
    }

    [LinuxFact]
    public void Write_OverExistingFile_ReplacesItAtomicallyWithMode0644()
    {
        var store = new SystemdLinkFile(_directory);
        var path = store.Write("v0", new SystemdLinkSettings { MatchOriginalName = "v0" });
        using var reader = new StreamReader(path);

        store.Write("v0", NicSettings);

        reader.ReadToEnd().Should().Be(SystemdLinkFile.Render(new SystemdLinkSettings { MatchOriginalName = "v0" }),
            "a reader of the old file sees the old file whole, because the new one is renamed over it");
        File.ReadAllText(path).Should().Be(SystemdLinkFile.Render(NicSettings));
        if (OperatingSystem.IsLinux())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        Directory.GetFiles(_directory).Should().ContainSingle();
    }

    [Fact]
    public void Write_WhenTheDirectoryCannotBeCreated_IsAnErrorAndLeavesNothing()
    {
        Directory.CreateDirectory(_directory);
        var blocker = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(blocker, "x");
        var store = new SystemdLinkFile(blocker);

        var act = () => store.Write("v0", NicSettings);

        act.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("10-dscoffload-v0.link"));
        Directory.GetFiles(_directory).Should().Equal(blocker);
    }
}
