using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Safety;
using Newtonsoft.Json.Linq;

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
    [InlineData("eth0.nmconnection", true)]
    [InlineData(".nmconnection", false)]
    [InlineData(".eth0.nmconnection.1a2b3c4d.tmp", false)]
    [InlineData(".eth0.nmconnection", false)]
    [InlineData("eth0.nmconnection.bak", false)]
    [InlineData("90-dscoffload-eth0.yaml", true)]
    [InlineData("90-dscoffload-.yaml", false)]
    [InlineData("50-cloud-init.yaml", false)]
    [InlineData("90-dscoffload-eth0.link", false)]
    [InlineData("10-dscoffload-eth0.yaml", false)]
    public void IsRestorableName_AcceptsOnlyDscoffloadLinkAndNetplanFilesAndNetworkManagerProfiles(string name, bool expected) =>
        JournaledFile.IsRestorableName(name).Should().Be(expected);

    [Fact]
    public void Restore_PutsBackANetplanFileByteForByte_WithItsMode0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir.FullName, "netplan")).FullName, "90-dscoffload-eth0.yaml");
        const string before = "network:\n  ethernets:\n    uplink:\n      generic-receive-offload: true\n";
        File.WriteAllText(path, before);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = JournaledFile.FromJson(JournaledFile.Capture(path).ToJson());
        File.WriteAllText(path, "network:\n  ethernets:\n    uplink:\n      generic-receive-offload: false\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        file.Restore().Should().StartWith("restored ");

        File.ReadAllText(path).Should().Be(before);
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        file.IsCurrent().Should().BeTrue();
    }

    [Fact]
    public void RestorableFileDirectories_AcceptEachKindOfFileOnlyInItsOwnDirectory()
    {
        var links = Path.Combine(_dir.FullName, "systemd");
        var netplan = Path.Combine(_dir.FullName, "etc", "netplan");
        var profiles = Path.Combine(_dir.FullName, "system-connections");
        RestorableFileDirectory[] directories =
        [
            new(links, "DSCOFFLOAD_SYSTEMD_NETWORK_DIR") { Kind = RestorableFileKind.SystemdLink },
            new(netplan, "DSCOFFLOAD_NETWORK_CONFIG_ROOT") { Kind = RestorableFileKind.Netplan },
            new(profiles, "DSCOFFLOAD_NETWORK_CONFIG_ROOT") { Kind = RestorableFileKind.NetworkManagerProfile },
        ];
        JournalEntry Entry(string path) => JournalEntry.FromDocument("entry.dsc.json", new JObject
        {
            ["metadata"] = new JObject
            {
                ["DscOffload"] = new JObject
                {
                    ["journal"] = new JObject
                    {
                        ["id"] = "x", ["createdAt"] = "2026-01-01T00:00:00Z", ["host"] = "h", ["command"] = "config set", ["status"] = "applied",
                    },
                    ["files"] = new JArray(new JObject { ["path"] = path, ["content"] = null }),
                },
            },
        });
        Action Check(string path) => () => RestorableFileDirectory.RequireHeldByAny(Entry(path), directories);

        Check(Path.Combine(links, "10-dscoffload-eth0.link")).Should().NotThrow();
        Check(Path.Combine(netplan, "90-dscoffload-eth0.yaml")).Should().NotThrow();
        Check(Path.Combine(profiles, "uplink.nmconnection")).Should().NotThrow();
        Check(Path.Combine(_dir.FullName, "netplan", "90-dscoffload-eth0.yaml")).Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.NotAllowed && e.Message.Contains(netplan));
        Check(Path.Combine(_dir.FullName, "etc", "systemd", "netplan", "90-dscoffload-eth0.yaml")).Should().Throw<DscOffloadException>();
    }

    [Fact]
    public void RestorableFileDirectories_RefuseAFileOfOneKindInAnotherKindsDirectory()
    {
        var shared = Path.Combine(_dir.FullName, "netplan");
        RestorableFileDirectory[] directories =
        [
            new(shared, "DSCOFFLOAD_SYSTEMD_NETWORK_DIR") { Kind = RestorableFileKind.SystemdLink },
            new(Path.Combine(_dir.FullName, "etc", "netplan"), "DSCOFFLOAD_NETWORK_CONFIG_ROOT") { Kind = RestorableFileKind.Netplan },
        ];
        var entry = JournalEntry.FromDocument("entry.dsc.json", new JObject
        {
            ["metadata"] = new JObject
            {
                ["DscOffload"] = new JObject
                {
                    ["journal"] = new JObject
                    {
                        ["id"] = "x", ["createdAt"] = "2026-01-01T00:00:00Z", ["host"] = "h", ["command"] = "config set", ["status"] = "applied",
                    },
                    ["files"] = new JArray(new JObject { ["path"] = Path.Combine(shared, "90-dscoffload-eth0.yaml"), ["content"] = null }),
                },
            },
        });

        var act = () => RestorableFileDirectory.RequireHeldByAny(entry, directories);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotAllowed);
    }

    [Fact]
    public void Capture_OfANetplanFileOutsideANetplanDirectory_IsRefused()
    {
        var act = () => JournaledFile.Capture(Path.Combine(_dir.FullName, "90-dscoffload-eth0.yaml"));

        act.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("netplan/90-dscoffload-*.yaml"));
    }

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
    public void Restore_PutsBackTheBytesModeAndOwnerBeforeTheChange_EvenWhenTheFileIsNotUtf8Text()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        byte[] before = [0xEF, 0xBB, 0xBF, .. "[Link]\nAlias=caf"u8, 0xE9, (byte)'\n'];
        File.WriteAllBytes(LinkPath(), before);
        File.SetUnixFileMode(LinkPath(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var privileged = Environment.IsPrivilegedProcess;
        if (privileged)
        {
            Chown(LinkPath(), "1234:5678");
        }

        var file = JournaledFile.FromJson(JournaledFile.Capture(LinkPath()).ToJson());
        File.Delete(LinkPath());
        File.WriteAllText(LinkPath(), "[Link]\nAlias=other\n");
        File.SetUnixFileMode(LinkPath(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        file.IsCurrent().Should().BeFalse();

        file.Restore().Should().StartWith("restored ");

        File.ReadAllBytes(LinkPath()).Should().Equal(before);
        File.GetUnixFileMode(LinkPath()).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        file.ContentEncoding.Should().Be("base64");
        file.IsCurrent().Should().BeTrue();
        if (privileged)
        {
            Stat(LinkPath()).Should().Be("1234:5678");
        }
    }

    [Fact]
    public void Restore_PutsBackANetworkManagerProfileByteForByteWithItsMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Directory.CreateDirectory(Path.Combine(_dir.FullName, "system-connections")).FullName;
        var profile = Path.Combine(directory, "uplink.nmconnection");
        var before = "# kept\r\n[connection]\r\nid=uplink\r\ninterface-name=eth0\r\n"u8.ToArray();
        File.WriteAllBytes(profile, before);
        File.SetUnixFileMode(profile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = JournaledFile.FromJson(JournaledFile.Capture(profile).ToJson());
        File.WriteAllText(profile, "[connection]\nid=uplink\n[ethtool]\nfeature-gro=false\n");
        File.SetUnixFileMode(profile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        file.Restore();

        File.ReadAllBytes(profile).Should().Equal(before);
        File.GetUnixFileMode(profile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Capture_OfAProfileOutsideASystemConnectionsDirectory_IsRefused()
    {
        var act = () => JournaledFile.Capture(Path.Combine(_dir.FullName, "uplink.nmconnection"));

        act.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("system-connections/*.nmconnection"));
    }

    [Fact]
    public void IsCurrent_IsFalseWhenOnlyTheModeChanged()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.WriteAllText(LinkPath(), "[Match]\n");
        File.SetUnixFileMode(LinkPath(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = JournaledFile.Capture(LinkPath());
        File.SetUnixFileMode(LinkPath(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        file.IsCurrent().Should().BeFalse();
        file.Restore();
        File.GetUnixFileMode(LinkPath()).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Json_RoundTripsModeOwnerAndEncoding()
    {
        var file = new JournaledFile(LinkPath(), "AAE=")
        {
            ContentEncoding = "base64",
            PreviousMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            PreviousOwner = 0,
            PreviousGroup = 42,
        };

        var json = file.ToJson();

        json["mode"]!.ToString().Should().Be("0600");
        JournaledFile.FromJson(json).Should().Be(file);
        JournaledFile.FromJson(json).PreviousBytes().Should().Equal(0x00, 0x01);
    }

    [Theory]
    [InlineData("""{"path": "P", "content": "x", "mode": "0999"}""", "octal")]
    [InlineData("""{"path": "P", "content": "x", "mode": 420}""", "octal")]
    [InlineData("""{"path": "P", "content": "x", "uid": -1}""", "'uid' is a number")]
    [InlineData("""{"path": "P", "content": "not base64!", "encoding": "base64"}""", "'encoding'")]
    [InlineData("""{"path": "P", "content": "x", "encoding": "utf-16"}""", "'encoding'")]
    public void FromJson_RefusesMalformedModeOwnerOrEncoding(string json, string message)
    {
        var item = Newtonsoft.Json.Linq.JObject.Parse(json.Replace("\"P\"", Newtonsoft.Json.JsonConvert.ToString(LinkPath()), StringComparison.Ordinal));

        var act = () => JournaledFile.FromJson(item);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains(message));
    }

    private static void Chown(string path, string owner) => Run("chown", owner, path);

    private static string Stat(string path) => Run("stat", "-c", "%u:%g", path).Trim();

    private static string Run(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', arguments)} failed");
        return output;
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
    [InlineData("""{"path":"/etc/cron.d/x.nmconnection","content":"* * * * * root sh\n"}""", "only dscoffload's own")]
    [InlineData("""{"path":"/etc/NetworkManager/system-connections/../../cron.d/x.nmconnection","content":null}""", "not a normalized path")]
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
