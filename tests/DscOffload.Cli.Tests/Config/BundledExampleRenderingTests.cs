using System.Text.RegularExpressions;
using System.Xml.Linq;
using DscOffload.Cli.Tests.Process;
using NJsonSchema;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// Every output format on the bundled examples, produced by the published binary and compared with
/// golden files (Golden/examples/; rewrite with DSCOFFLOAD_UPDATE_GOLDEN=1 and review the diff).
/// </summary>
public class BundledExampleRenderingTests
{
    public static TheoryData<string, string, string> Runs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var format in (string[])["table", "diff", "markdown", "github", "azure", "junit", "sarif"])
        {
            data.Add("windows", "examples/fast-search-ipsec-baseline.dsc.yaml", format);
            data.Add("linux", "examples/linux-offload-baseline.dsc.yaml", format);
        }

        return data;
    }

    private static string Run(string document, string snapshots, string format)
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", document, "--against", snapshots, "--format", format);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Stdout;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Format_OnBundledExample_MatchesGoldenFile(string os, string document, string format)
    {
        var output = Stable(Run(document, $"examples/snapshots/{os}", format));
        var path = RepositoryPaths.InRepo("tests", "DscOffload.Cli.Tests", "Golden", "examples", $"{os}.{format}.txt");
        if (Environment.GetEnvironmentVariable("DSCOFFLOAD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, output);
            return;
        }

        output.Should().Be(File.ReadAllText(path), $"the output should equal {path}; if intended, rerun with DSCOFFLOAD_UPDATE_GOLDEN=1 and review the diff");
    }

    /// <summary>Measured durations and clock times differ per run; everything else must not.</summary>
    private static string Stable(string output)
    {
        output = Regex.Replace(output, "time=\"[0-9.]+\"", "time=\"<t>\"");
        output = Regex.Replace(output, "PT[0-9.]+S", "PT<t>S");
        return Regex.Replace(output, "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})", "<timestamp>");
    }

    [Theory]
    [InlineData("windows", "examples/fast-search-ipsec-baseline.dsc.yaml")]
    [InlineData("linux", "examples/linux-offload-baseline.dsc.yaml")]
    public void JUnit_OnBundledExample_IsWellFormedWithOneCasePerHostAndInstance(string os, string document)
    {
        var xml = XDocument.Parse(Run(document, $"examples/snapshots/{os}", "junit"));
        var hosts = Directory.GetFiles(RepositoryPaths.InRepo("examples", "snapshots", os)).Length;
        xml.Root!.Elements("testsuite").Should().HaveCount(hosts);
        foreach (var suite in xml.Root.Elements("testsuite"))
        {
            int.Parse(suite.Attribute("tests")!.Value).Should().Be(suite.Elements("testcase").Count());
            int.Parse(suite.Attribute("failures")!.Value).Should().Be(suite.Elements("testcase").Count(c => c.Element("failure") is not null));
        }
    }

    [Theory]
    [InlineData("windows", "examples/fast-search-ipsec-baseline.dsc.yaml")]
    [InlineData("linux", "examples/linux-offload-baseline.dsc.yaml")]
    public async Task Sarif_OnBundledExample_ValidatesAgainstSarif210Schema(string os, string document)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryPaths.InRepo("tests", "DscOffload.Reporting.Tests", "TestData", "schemas", "sarif-schema-2.1.0.json"));
        var errors = schema.Validate(Run(document, $"examples/snapshots/{os}", "sarif"));
        errors.Should().BeEmpty(string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }
}
