using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// The published binary driven with dsc's argument syntax (<c>config get -f -</c>, <c>config -p</c>, <c>-o json</c>,
/// <c>-w</c>, <c>-l</c>/<c>-t</c>), compared with what dsc documents: the result object's keys, exit codes, and the
/// kind of stderr trace lines. The documents use only the built-in echo type, so nothing on the host is read or changed.
/// </summary>
public sealed class DscCommandLineTests
{
    private const string Schema = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n";

    private const string EchoDocument = Schema + """
        parameters:
          who: { type: string, defaultValue: nobody }
        resources:
        - name: greeting
          type: Microsoft.DSC.Debug/Echo
          properties:
            output: "[format('hello {0}', parameters('who'))]"
        outputs:
          said: { type: string, value: "[reference(resourceId('Microsoft.DSC.Debug/Echo', 'greeting')).output]" }
        """;

    // dsc's ConfigurationGetResult / ConfigurationTestResult / ConfigurationSetResult keys (deny_unknown_fields).
    private static readonly string[] ConfigurationResultKeys = ["executionInformation", "metadata", "results", "messages", "hadErrors", "outputs"];

    [Fact]
    public void ConfigGet_FileFromStdin_OutputJson_PrintsOneLineOfDscsGetResult()
    {
        var result = DscOffloadProcess.Run(["config", "get", "-f", "-", "-o", "json"], stdin: EchoDocument);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines.Should().ContainSingle("-o json prints one line");
        var envelope = JObject.Parse(result.Stdout);
        envelope.Properties().Select(p => p.Name).Should().BeSubsetOf(ConfigurationResultKeys).And.Contain(["executionInformation", "results", "hadErrors"]);
        envelope["executionInformation"]!["operation"]!.Value<string>().Should().Be("get");
        envelope["results"]![0]!["result"]!["actualState"]!["output"]!.Value<string>().Should().Be("hello nobody");
        envelope["outputs"]!["said"]!.Value<string>().Should().Be("hello nobody");
        envelope["hadErrors"]!.Value<bool>().Should().BeFalse();
        result.Stderr.Should().BeEmpty("dsc's default trace level shows only warnings and errors");
    }

    [Fact]
    public void ConfigParameters_BeforeTheOperation_AreBound_AsDscsConfigP()
    {
        var result = DscOffloadProcess.Run(["config", "-p", """{"parameters":{"who":"world"}}""", "get", "-f", "-", "-o", "json"], stdin: EchoDocument);

        result.ExitCode.Should().Be(0, result.ToString());
        JObject.Parse(result.Stdout)["results"]![0]!["result"]!["actualState"]!["output"]!.Value<string>().Should().Be("hello world");
    }

    [Fact]
    public void ConfigParameters_InYaml_AreAcceptedToo()
    {
        var result = DscOffloadProcess.Run(["config", "--parameters", "parameters:\n  who: yaml", "get", "--input", EchoDocument, "--output-format", "json"]);

        result.ExitCode.Should().Be(0, result.ToString());
        JObject.Parse(result.Stdout)["results"]![0]!["result"]!["actualState"]!["output"]!.Value<string>().Should().Be("hello yaml");
    }

    [Fact]
    public void ConfigSetWhatIf_ReportsWhatIfExecution_AndNoOutputs_AsDsc()
    {
        var result = DscOffloadProcess.Run(["config", "set", "-f", "-", "-w", "-o", "json"], stdin: EchoDocument);

        result.ExitCode.Should().Be(0, result.ToString());
        var envelope = JObject.Parse(result.Stdout);
        envelope["executionInformation"]!["executionType"]!.Value<string>().Should().Be("whatIf");
        envelope["metadata"]!["Microsoft.DSC"]!["executionType"]!.Value<string>().Should().Be("whatIf");
        envelope.ContainsKey("outputs").Should().BeFalse("dsc evaluates no outputs in what-if");
        var set = (JObject)envelope["results"]![0]!["result"]!;
        set.Properties().Select(p => p.Name).Should().Equal("beforeState", "afterState", "changedProperties");
        set["changedProperties"]!.Type.Should().Be(JTokenType.Null);
    }

    [Fact]
    public void ConfigTest_PrettyJson_IsIndented_AndInDesiredState()
    {
        var result = DscOffloadProcess.Run(["config", "test", "-i", EchoDocument, "-o", "pretty-json"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines.Count.Should().BeGreaterThan(1);
        JObject.Parse(result.Stdout)["results"]![0]!["result"]!["inDesiredState"]!.Value<bool>().Should().BeTrue();
    }

    [Fact]
    public void ConfigGet_OutputYaml_WritesYaml()
    {
        var result = DscOffloadProcess.Run(["config", "get", "-f", "-", "-o", "yaml"], stdin: EchoDocument);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines.Should().Contain(l => l.StartsWith("executionInformation:", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingFile_WithJsonTraceFormat_ExitsFour_WithAJsonErrorTraceLine()
    {
        var result = DscOffloadProcess.Run("-t", "json", "config", "get", "-f", "no-such-document.dsc.yaml", "-o", "json");

        result.ExitCode.Should().Be(4, result.ToString());
        result.Stdout.Should().BeEmpty();
        var trace = JObject.Parse(result.StderrLines.Single());
        trace["level"]!.Value<string>().Should().Be("ERROR");
        trace["fields"]!["message"]!.Value<string>().Should().Contain("no-such-document.dsc.yaml");
    }

    [Fact]
    public void TraceLevelInfo_TracesASkippedInstance_AsDscDoes()
    {
        var document = Schema + """
            resources:
            - name: never
              type: Microsoft.DSC.Debug/Echo
              condition: "[equals(1, 2)]"
              properties: { output: x }
            """;

        var result = DscOffloadProcess.Run(["-l", "info", "-t", "json", "config", "get", "-f", "-", "-o", "json"], stdin: document);

        result.ExitCode.Should().Be(0, result.ToString());
        JObject.Parse(result.Stdout)["results"]!.Should().BeEmpty();
        result.StderrLines.Select(JObject.Parse).Should().Contain(t => t["level"]!.Value<string>() == "INFO"
            && t["fields"]!["message"]!.Value<string>()!.StartsWith("Skipping resource 'never'", StringComparison.Ordinal));
    }

    [Fact]
    public void DscTraceLevelVariable_WithoutL_SetsTheLevel_AsDscReadsIt()
    {
        var document = Schema + """
            resources:
            - name: never
              type: Microsoft.DSC.Debug/Echo
              condition: "[equals(1, 2)]"
              properties: { output: x }
            """;

        var quiet = DscOffloadProcess.Run(["config", "get", "-f", "-", "-o", "json"], stdin: document);
        var traced = DscOffloadProcess.Run(["-t", "json", "config", "get", "-f", "-", "-o", "json"], stdin: document, env: new Dictionary<string, string?> { ["DSC_TRACE_LEVEL"] = "INFO" });
        var overridden = DscOffloadProcess.Run(["-l", "error", "-t", "json", "config", "get", "-f", "-", "-o", "json"], stdin: document, env: new Dictionary<string, string?> { ["DSC_TRACE_LEVEL"] = "info" });

        quiet.Stderr.Should().BeEmpty(quiet.ToString());
        traced.ExitCode.Should().Be(0, traced.ToString());
        traced.StderrLines.Select(JObject.Parse).Should().Contain(t => t["level"]!.Value<string>() == "INFO", traced.ToString());
        overridden.Stderr.Should().BeEmpty("-l wins over DSC_TRACE_LEVEL, as in dsc");
    }

    [Fact]
    public void SecureParameter_GivenWithP_NeverReachesStdout()
    {
        const string Secret = "s3cr3t-value-42";
        var document = Schema + """
            parameters:
              token: { type: secureString }
            resources:
            - name: leak
              type: Microsoft.DSC.Debug/Echo
              properties: { output: "[concat('token=', parameters('token'))]" }
            """;

        var result = DscOffloadProcess.Run(["config", "-p", "{\"parameters\":{\"token\":\"" + Secret + "\"}}", "get", "-f", "-", "-o", "json"], stdin: document);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().NotContain(Secret).And.Contain("token=<secure value hidden>");
        result.Stderr.Should().NotContain(Secret);
    }

    [Fact]
    public void ConfigValidate_PrintsDscsValidateResult()
    {
        var valid = DscOffloadProcess.Run(["config", "validate", "-f", "-", "-o", "json"], stdin: EchoDocument);
        var invalid = DscOffloadProcess.Run(["config", "validate", "-f", "-", "-o", "json"], stdin: EchoDocument.Replace("output:", "outptu:", StringComparison.Ordinal));

        valid.ExitCode.Should().Be(0, valid.ToString());
        JObject.Parse(valid.Stdout).Should().BeEquivalentTo(JObject.Parse("""{"valid":true,"reason":null}"""));
        invalid.ExitCode.Should().Be(0, "dsc reports an invalid document in the result, not the exit code");
        JObject.Parse(invalid.Stdout)["valid"]!.Value<bool>().Should().BeFalse();
        invalid.Stderr.Should().Contain("outptu");
    }

    [Fact]
    public void ConfigResolve_PrintsTheDocumentAndTheBoundParameters()
    {
        var result = DscOffloadProcess.Run(["config", "-p", """{"parameters":{"who":"resolver"}}""", "resolve", "-f", "-", "-o", "json"], stdin: EchoDocument);

        result.ExitCode.Should().Be(0, result.ToString());
        var resolved = JObject.Parse(result.Stdout);
        resolved.Properties().Select(p => p.Name).Should().Equal("configuration", "parameters");
        resolved["parameters"]!["who"]!.Value<string>().Should().Be("resolver");
        resolved["configuration"]!["resources"]![0]!["name"]!.Value<string>().Should().Be("greeting");
    }

    [Fact]
    public void InputAndFileTogether_AreRefused_WithExitOneAndAReason()
    {
        var result = DscOffloadProcess.Run("config", "get", "-i", EchoDocument, "-f", "doc.dsc.yaml");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("--file or --input");
    }
}
