using DscOffload.Cli.Tests.Process;
using DscOffload.Cli.Tests.Protocol;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// The error contract (README, "Exit codes"), row by row over the published binary: every documented non-zero
/// exit writes at least one human-readable line on stderr naming the cause (for the resource protocol a JSON
/// trace line dsc reads; with <c>-t json</c> an ERROR trace line), never a stack trace; with JSON output, stdout
/// carries the result envelope whenever there is a document to report on, and nothing otherwise. The codes that
/// need a live host (3, 6, 7, and 2 on a veth) are in <see cref="ErrorContractLiveTests"/>.
/// </summary>
public sealed class ErrorContractTests : IDisposable
{
    private const string Head = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n";
    private const string Web01 = "examples/snapshots/linux/web-01.dsc.json";
    private const string Fast02 = "examples/snapshots/windows/fast-02.dsc.json";
    private const string Linux = "- name: nic\n  type: DscOffload.Linux/NetAdapterOffload\n  properties: ";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-errors-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static readonly ErrorContractCase[] All =
    [
        new("config 1: --file and --input together", ["config", "get", "-i", "resources: []", "-f", "{doc}", "-o", "json"], 1, "--file or --input", Document: "resources: []"),
        new("config 1: set against a recorded host without --what-if", ["config", "set", "-f", "{doc}", "--against", Fast02, "-o", "json"], 1, "read-only",
            Document: Head + "- name: g\n  type: DscOffload.Windows/GlobalOffload\n  properties: {chimney: Disabled}\n"),
        new("config 2: no adapter matches", ["config", "set", "-w", "-f", "{doc}", "--against", Web01, "-o", "json"], 2, "no adapter matches 'nope*'", true,
            Head + Linux + "{name: nope*, features: {gro: false}}\n"),
        new("config 2: lro true where it is fixed off", ["config", "set", "-w", "-f", "{doc}", "--against", Web01, "-o", "json"], 2, "features.rx-lro (not supported)", true,
            Head + Linux + "{name: eth0, features: {rx-lro: true}}\n"),
        new("config 4: missing document", ["config", "get", "-f", "no-such-document.dsc.yaml", "-o", "json"], 4, "no-such-document.dsc.yaml"),
        new("config 4: --input given a file path, as dsc refuses it", ["config", "get", "-i", "{doc}", "-o", "json"], 4, "use --file", Document: "resources: []"),
        new("config 4: missing parameters file", ["config", "-f", "no-such-parameters.yaml", "get", "-f", "{doc}", "-o", "json"], 4, "no-such-parameters.yaml", Document: "resources: []"),
        new("config 4: parameters neither JSON nor YAML", ["config", "-p", "{bad", "get", "-f", "{doc}", "-o", "json"], 4, "--parameters:1:", Document: "resources: []"),
        new("config 4: document that is not YAML", ["config", "get", "-f", "{doc}", "-o", "json"], 4, ".dsc.yaml:2:1:", Document: "resources: [\n"),
        new("config 4: unreadable snapshot among the hosts", ["config", "test", "-f", "{doc}", "--against", "{snapshot}", Web01, "-o", "json"], 4, "cannot read snapshot", true,
            Head + Linux + "{name: eth0, features: {gro: false}}\n", Snapshot: "{\"resources\": ["),
        new("config 5: property typo", ["config", "test", "-f", "{doc}", "--against", Web01, "-o", "json"], 5, "unknown property 'featurs'",
            Document: Head + Linux + "{name: eth0, featurs: {gro: false}}\n"),
        new("config 5: channel count above the maximum", ["config", "test", "-f", "{doc}", "--against", Web01, "-o", "json"], 5, "above its maximum 8", true,
            Head + Linux + "{name: eth0, channels: {rx: 999}}\n"),
        new("config 8: drift with --fail-on-drift", ["config", "test", "-f", "{doc}", "--against", Fast02, "-o", "json", "--fail-on-drift"], 8, "not in desired state: 'g' on fast-02", true,
            Head + "- name: g\n  type: DscOffload.Windows/GlobalOffload\n  properties: {chimney: Disabled}\n"),
        new("resource 2: malformed JSON", ["resource", "get", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\": "], 2, "--input:1:"),
        new("resource 2: unknown property", ["resource", "test", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\":\"eth0\",\"featurs\":{}}"], 2, "featurs", Snapshot: "web-01"),
        new("resource 2: unknown type", ["resource", "get", "--type", "Contoso/Nothing", "--input", "{}"], 2, "unknown resource type 'Contoso/Nothing'"),
        new("resource 2: channel count above the maximum", ["resource", "set", "-w", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\":\"eth0\",\"channels\":{\"rx\":999}}"], 2, "above its maximum 8", Snapshot: "web-01"),
        new("resource 4: no adapter matches", ["resource", "set", "-w", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\":\"nope*\",\"features\":{\"gro\":false}}"], 4, "no adapter matches 'nope*'", Snapshot: "web-01"),
        new("resource 5: set on a recorded host", ["resource", "set", "--type", "DscOffload.Windows/GlobalOffload", "--input", "{\"chimney\":\"Disabled\"}"], 5, "read-only", Snapshot: "fast-02"),
        new("resource 5: lro true where it is fixed off", ["resource", "set", "-w", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\":\"eth0\",\"features\":{\"rx-lro\":true}}"], 5, "rx-lro", Snapshot: "web-01"),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static TheoryData<string> ConfigNames => [.. All.Where(c => !c.IsProtocol).Select(c => c.Name)];

    [Fact]
    public void TheTable_CoversEveryDocumentedCode_ThatNeedsNoLiveHost()
    {
        All.Where(c => !c.IsProtocol).Select(c => c.ExitCode).Distinct().Should().BeEquivalentTo([1, 2, 4, 5, 8], "3, 6 and 7 need a live host");
        All.Where(c => c.IsProtocol).Select(c => c.ExitCode).Distinct().Should().BeEquivalentTo([2, 4, 5], "3, 6 and 7 need a live host; 1 is the last line of defence");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FailingRun_ExitsWithItsCode_SaysWhyOnStderr_AndHasTheEnvelopeOnlyWithADocumentToReportOn(string name)
    {
        var row = All.Single(c => c.Name == name);

        var result = Run(row, []);

        result.ExitCode.Should().Be(row.ExitCode, result.ToString());
        result.Stderr.Should().NotContain("   at ").And.NotContain("unexpected error", "no stack trace, no unhandled exception");
        if (row.IsProtocol)
        {
            result.Stdout.Should().BeEmpty("dsc ignores stdout on a failure");
            result.StderrLines.Select(DscTraceLine.Parse).Should().NotContainNulls("every stderr line is a trace line dsc reads")
                .And.Contain(t => t!.Level == "error" && t.Message.Contains(row.Cause), result.ToString());
            return;
        }

        result.StderrLines.Should().Contain(l => l.StartsWith("dscoffload: error: ", StringComparison.Ordinal) && l.Contains(row.Cause), result.ToString());
        AssertEnvelope(row, result);
    }

    [Theory]
    [MemberData(nameof(ConfigNames))]
    public void FailingRun_WithDscsJsonTraceFormat_SaysWhyInAnErrorTraceLine(string name)
    {
        var row = All.Single(c => c.Name == name);

        var result = Run(row, ["-t", "json"]);

        result.ExitCode.Should().Be(row.ExitCode, result.ToString());
        result.StderrLines.Select(JObject.Parse).Should().Contain(t => t["level"]!.Value<string>() == "ERROR" && t["fields"]!["message"]!.Value<string>()!.Contains(row.Cause), result.ToString());
        AssertEnvelope(row, result);
    }

    private static void AssertEnvelope(ErrorContractCase row, ProcessResult result)
    {
        if (!row.Envelope)
        {
            result.Stdout.Should().BeEmpty("there is no document to report on, or the run was refused before it started");
            return;
        }

        result.StdoutLines.Should().NotBeEmpty(result.ToString());
        foreach (var envelope in result.StdoutLines.Select(JObject.Parse))
        {
            envelope.Should().ContainKeys("executionInformation", "metadata", "results", "messages", "hadErrors");
        }
    }

    private ProcessResult Run(ErrorContractCase row, string[] before)
    {
        var args = row.Args.ToList();
        var env = new Dictionary<string, string?>();
        if (row.Document is not null)
        {
            var path = Path.Combine(_dir.FullName, "doc.dsc.yaml");
            File.WriteAllText(path, row.Document);
            args = [.. args.Select(a => a == "{doc}" ? path : a)];
        }

        if (row.IsProtocol && row.Snapshot is not null)
        {
            env["DSCOFFLOAD_RESOURCE_STATE"] = RepositoryPaths.InRepo("examples", "snapshots", row.Snapshot.StartsWith("fast", StringComparison.Ordinal) ? "windows" : "linux", row.Snapshot + ".dsc.json");
        }
        else if (row.Snapshot is not null)
        {
            var path = Path.Combine(_dir.FullName, "broken.dsc.json");
            File.WriteAllText(path, row.Snapshot);
            args = [.. args.Select(a => a == "{snapshot}" ? path : a)];
        }

        return DscOffloadProcess.Run([.. before, .. args], env: env);
    }
}
