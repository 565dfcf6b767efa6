using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Safety;

namespace DscOffload.Core.Tests.Safety;

public class JournaledFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-files-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string LinkPath(string name = "eth0") => Path.Combine(_dir.FullName, $"10-dscoffload-{name}.link");

    [Theory]
    [InlineData("10-dscoffload-eth0.link", true)]
    [InlineData("10-dscoffload-enp3s0f1.link", true)]
    [InlineData("10-dscoffload-.link", false)]
    [InlineData("99-default.link", false)]
    [InlineData("10-dscoffload-eth0.link.bak", false)]
    [InlineData("passwd", false)]
    public void IsRestorableName_AcceptsOnlyDscoffloadLinkFiles(string name, bool expected) =>
        JournaledFile.IsRestorableName(name).Should().Be(expected);

    [Fact]
    public void Capture_OfAMissingFile_RecordsThatItDidNotExist()
    {
        var file = JournaledFile.Capture(LinkPath());

        file.DidNotExist.Should().BeTrue();
        file.IsCurrent().Should().BeTrue();
    }

    [Fact]
    public void Restore_DeletesAFileThatDidNotExistBeforeTheChange()
    {
        var file = JournaledFile.Capture(LinkPath());
        File.WriteAllText(LinkPath(), "[Match]\nOriginalName=eth0\n");
        file.IsCurrent().Should().BeFalse();

        file.Restore().Should().StartWith("deleted ");

        File.Exists(LinkPath()).Should().BeFalse();
        file.IsCurrent().Should().BeTrue();
    }

    [Fact]
    public void Restore_PutsBackTheExactContentBeforeTheChange()
    {
        const string before = "# the operator's own file\n[Match]\nOriginalName=eth0\n\n[Link]\nGenericReceiveOffload=true\n";
        File.WriteAllText(LinkPath(), before);
        var file = JournaledFile.Capture(LinkPath());
        File.WriteAllText(LinkPath(), "[Match]\nOriginalName=eth0\n\n[Link]\nGenericReceiveOffload=false\n");

        file.Restore().Should().StartWith("restored ");

        File.ReadAllText(LinkPath()).Should().Be(before);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(LinkPath()).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    [Fact]
    public void Json_RoundTripsPathAndContent()
    {
        var file = new JournaledFile(LinkPath(), "[Match]\n");

        JournaledFile.FromJson(file.ToJson()).Should().Be(file);
        JournaledFile.FromJson(new JournaledFile(LinkPath(), null).ToJson()).DidNotExist.Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"path":"/etc/passwd","content":"root::0:0::/root:/bin/sh\n"}""", "only dscoffload's own")]
    [InlineData("""{"path":"10-dscoffload-eth0.link","content":null}""", "not an absolute path")]
    [InlineData("""{"path":"/etc/systemd/network/../../cron.d/10-dscoffload-x.link","content":"* * * * * root sh\n"}""", "not a normalized path")]
    [InlineData("""{"path":"/etc/systemd/network/10-dscoffload-eth0.link"}""", "needs a string 'path'")]
    public void FromJson_RefusesEntriesThatWouldTouchOtherFiles_WithTheirLocation(string json, string why)
    {
        var item = StructuredTextParser.Parse(json, "entry.dsc.json");

        var act = () => JournaledFile.FromJson(item);

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains(why) && e.OneLine.StartsWith("entry.dsc.json:1:"));
    }

    [Fact]
    public void ASymbolicLinkWhereTheFileBelongs_IsNeitherCopiedNorWrittenThrough()
    {
        var elsewhere = Path.Combine(_dir.FullName, "secret");
        File.WriteAllText(elsewhere, "not a .link file");
        File.CreateSymbolicLink(LinkPath(), elsewhere);
        var saved = new JournaledFile(LinkPath(), "[Match]\n");

        var capture = () => JournaledFile.Capture(LinkPath());
        var restore = () => saved.Restore();

        capture.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains("symbolic link"));
        restore.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed);
        File.ReadAllText(elsewhere).Should().Be("not a .link file");
    }

    [Fact]
    public void Capture_OfAPathThatIsNotRestorable_IsRefused()
    {
        var act = () => JournaledFile.Capture(Path.Combine(_dir.FullName, "sudoers"));

        act.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("cannot journal"));
    }
}
