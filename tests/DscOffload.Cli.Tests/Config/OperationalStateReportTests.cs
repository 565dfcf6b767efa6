using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// A CI dry run against a recorded Windows host whose RSC for IPv6 is on but not operational
/// (TestData/windows-rsc-not-operational.dsc.json, modelled): nothing drifts, and every report format that shows
/// a host's warnings says why the setting is not in effect.
/// </summary>
public class OperationalStateReportTests
{
    private const string Because = "rscIPv6: requested on, not operational because a Windows Filtering Platform callout is incompatible with it (WFPCompatibility)";

    private static ProcessResult DryRun(string format)
    {
        var dir = Directory.CreateTempSubdirectory("dscoffload-rss-");
        try
        {
            var document = Path.Combine(dir.FullName, "rss.dsc.yaml");
            File.WriteAllText(document, """
                $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
                resources:
                  - name: RSS and RSC
                    type: DscOffload.Windows/NetAdapterOffload
                    properties:
                      name: Ethernet
                      rss: true
                      rssProfile: NUMAStatic
                      rssNumberOfReceiveQueues: 8
                      rscIPv6: true
                """);
            var snapshot = Path.Combine(AppContext.BaseDirectory, "TestData", "windows-rsc-not-operational.dsc.json");
            return DscOffloadProcess.Run("config", "test", "--file", document, "--against", snapshot, "--format", format, "--fail-on-drift");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Json_InDesiredStateWithTheReasonInTheAdapterDetailAndAWarning()
    {
        var result = DryRun("json");

        result.ExitCode.Should().Be(0, result.ToString());
        var envelope = JObject.Parse(result.StdoutLines.Single());
        var test = envelope["results"]![0]!["result"]!;
        test["inDesiredState"]!.Value<bool>().Should().BeTrue();
        test["actualState"]!["adapters"]![0]!["notOperational"]!["rscIPv6"]!.Value<string>().Should().StartWith("requested on, not operational because");
        envelope["messages"]!.OfType<JObject>().Should().ContainSingle(m => m["level"]!.Value<string>() == "warning")
            .Which["message"]!.Value<string>().Should().Be($"'Ethernet' {Because}");
    }

    [Theory]
    [InlineData("markdown")]
    [InlineData("github")]
    [InlineData("azure")]
    [InlineData("junit")]
    [InlineData("table")]
    public void CiReport_ShowsWhyTheRequestedSettingIsNotInEffect(string format)
    {
        var result = DryRun(format);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(Because);
    }
}
