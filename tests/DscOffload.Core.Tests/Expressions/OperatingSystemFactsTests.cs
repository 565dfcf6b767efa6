using System.Diagnostics;
using System.Runtime.InteropServices;
using DscOffload.Core.Expressions;

namespace DscOffload.Core.Tests.Expressions;

/// <summary>
/// context().os as dsc's OsInfo gives it: the distribution's version and codename (lsb_release's values, which come
/// from os-release on the distributions dsc supports) and the architecture as <c>uname -m</c> names it, as shown in
/// dsc's own documentation of the osinfo resource ("version": "20.04", "codename": "focal", "architecture": "x86_64").
/// </summary>
public sealed class OperatingSystemFactsTests
{
    [Fact]
    public void ParseOsRelease_ReadsQuotedAndUnquotedValues()
    {
        var text = "PRETTY_NAME=\"Ubuntu 20.04.6 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"20.04\"\nVERSION_CODENAME=focal\nID=ubuntu\n";

        OperatingSystemFacts.ParseOsRelease(text).Should().Be(("20.04", "focal"));
    }

    [Fact]
    public void ParseOsRelease_WhenValuesAreMissingOrEmpty_GivesNull()
    {
        OperatingSystemFacts.ParseOsRelease("# rolling\nID=arch\nVERSION_ID=\nBUILD_ID=rolling\n").Should().Be(((string?)null, (string?)null));
    }

    [Theory]
    [InlineData(Architecture.X64, false, "x86_64")]
    [InlineData(Architecture.X64, true, "x86_64")]
    [InlineData(Architecture.Arm64, false, "aarch64")]
    [InlineData(Architecture.Arm64, true, "arm64")]
    public void ArchitectureName_NamesTheArchitectureAsDscDoes(Architecture architecture, bool windows, string expected)
    {
        OperatingSystemFacts.ArchitectureName(architecture, windows).Should().Be(expected);
    }

    [Fact]
    public void Current_OnLinux_NamesTheArchitectureAsUnameDoes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var uname = Process.Start(new ProcessStartInfo("uname", "-m") { RedirectStandardOutput = true })!;
        var machine = uname.StandardOutput.ReadToEnd().Trim();
        uname.WaitForExit();

        OperatingSystemFacts.Current()["architecture"]!.ToString().Should().Be(machine);
    }

    [Fact]
    public void Current_OnLinux_GivesTheDistributionVersionNotTheKernelVersion()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/etc/os-release"))
        {
            return;
        }

        var (version, codename) = OperatingSystemFacts.ParseOsRelease(File.ReadAllText("/etc/os-release"));
        var os = OperatingSystemFacts.Current();

        os["version"]!.ToString().Should().Be(version ?? "Unknown").And.NotBe(Environment.OSVersion.Version.ToString());
        os["codename"]?.ToString().Should().Be(codename);
        os["bitness"]!.Type.Should().Be(Newtonsoft.Json.Linq.JTokenType.Integer);
    }
}
