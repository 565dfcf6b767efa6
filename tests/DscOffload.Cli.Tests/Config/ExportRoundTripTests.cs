using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// Every export is input: the bundled recorded hosts (written as <c>dscoffload snapshot</c> writes them) validate,
/// and tested or set (what-if) against themselves they are in desired state and change nothing; a document shaped as
/// <c>dsc config export</c> writes it (with <c>executionInformation</c>) is accepted both as a document and as a
/// recorded host, and says what the snapshot it came from says.
/// </summary>
public sealed class ExportRoundTripTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-roundtrip-");

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string> BundledSnapshots()
    {
        var data = new TheoryData<string>();
        foreach (var os in (string[])["windows", "linux"])
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.InRepo("examples", "snapshots", os)).Order(StringComparer.Ordinal))
            {
                data.Add($"examples/snapshots/{os}/{Path.GetFileName(file)}");
            }
        }

        return data;
    }

    private static JObject Envelope(ProcessResult result)
    {
        result.ExitCode.Should().Be(0, result.ToString());
        return JObject.Parse(result.Stdout);
    }

    [Theory]
    [MemberData(nameof(BundledSnapshots))]
    public void BundledSnapshot_Validates(string snapshot)
    {
        var result = DscOffloadProcess.Run("validate", snapshot);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(": valid (");
    }

    [Theory]
    [MemberData(nameof(BundledSnapshots))]
    public void BundledSnapshot_TestedAgainstItself_IsInDesiredState(string snapshot)
    {
        var envelope = Envelope(DscOffloadProcess.Run("config", "test", "--file", snapshot, "--against", snapshot, "--format", "json", "--fail-on-drift"));

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse();
        var results = envelope["results"]!.Children().ToList();
        results.Should().HaveCount(JObject.Parse(File.ReadAllText(RepositoryPaths.InRepo(snapshot)))["resources"]!.Count());
        results.Should().OnlyContain(r => r["result"]!["inDesiredState"]!.Value<bool>(), envelope.ToString());
    }

    [Theory]
    [MemberData(nameof(BundledSnapshots))]
    public void BundledSnapshot_SetWhatIfAgainstItself_ChangesNothing(string snapshot)
    {
        var envelope = Envelope(DscOffloadProcess.Run("config", "set", "--what-if", "--file", snapshot, "--against", snapshot, "-o", "json"));

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse(envelope.ToString());
        envelope["results"]!.Children().Should().OnlyContain(r => r["result"]!["changedProperties"]!.Type == JTokenType.Null, envelope.ToString());
    }

    [Theory]
    [InlineData("examples/fast-search-ipsec-baseline.dsc.yaml", "examples/snapshots/windows/fast-02.dsc.json")]
    [InlineData("examples/fast-search-ipsec-baseline.dsc.yaml", "examples/snapshots/windows/fast-03.dsc.json")]
    [InlineData("examples/linux-offload-baseline.dsc.yaml", "examples/snapshots/linux/web-02.dsc.json")]
    public void ConfigExport_FromARecordedHost_IsAValidDocumentInDesiredStateThere(string document, string snapshot)
    {
        var export = DscOffloadProcess.Run("config", "export", "--file", document, "--against", snapshot, "-o", "json");
        export.ExitCode.Should().Be(0, export.ToString());
        var path = Path.Combine(_dir.FullName, "exported.dsc.json");
        File.WriteAllText(path, export.Stdout);

        DscOffloadProcess.Run("validate", path).ExitCode.Should().Be(0, export.Stdout);
        var envelope = Envelope(DscOffloadProcess.Run("config", "test", "--file", path, "--against", snapshot, "--format", "json", "--fail-on-drift"));

        envelope["results"]!.Children().Should().NotBeEmpty().And.OnlyContain(r => r["result"]!["inDesiredState"]!.Value<bool>(), envelope.ToString());
    }

    /// <summary>
    /// A recorded host as <c>dsc config export</c> writes it: <c>executionInformation</c> at the top and on each resource,
    /// <c>metadata."Microsoft.DSC"</c>, and no DscOffload metadata (the host is named after the file).
    /// </summary>
    private string AsDscConfigExport(string snapshot, string fileName)
    {
        var document = JObject.Parse(File.ReadAllText(RepositoryPaths.InRepo(snapshot)));
        var execution = new JObject
        {
            ["duration"] = "PT0.5S",
            ["endDatetime"] = "2026-11-20T09:30:01+00:00",
            ["executionType"] = "actual",
            ["operation"] = "export",
            ["securityContext"] = "elevated",
            ["startDatetime"] = "2026-11-20T09:30:00.5+00:00",
            ["version"] = "3.2.0",
        };
        document.Remove("metadata");
        document.AddFirst(new JProperty("executionInformation", execution));
        document["metadata"] = new JObject { ["Microsoft.DSC"] = execution.DeepClone() };
        foreach (var resource in document["resources"]!.Cast<JObject>())
        {
            resource["executionInformation"] = new JObject { ["duration"] = "PT0.1S" };
        }

        var path = Path.Combine(_dir.FullName, fileName);
        File.WriteAllText(path, document.ToString());
        return path;
    }

    [Fact]
    public void DscConfigExportDocument_IsAValidDocumentInDesiredStateAgainstItself()
    {
        var path = AsDscConfigExport("examples/snapshots/windows/fast-02.dsc.json", "fast-02-by-dsc.dsc.json");

        DscOffloadProcess.Run("validate", path).ExitCode.Should().Be(0);
        var envelope = Envelope(DscOffloadProcess.Run("config", "test", "--file", path, "--against", path, "--format", "json", "--fail-on-drift"));

        envelope["results"]!.Children().Should().HaveCount(4).And.OnlyContain(r => r["result"]!["inDesiredState"]!.Value<bool>());
    }

    [Fact]
    public void DscConfigExportDocument_AsRecordedHost_ReportsWhatTheSnapshotItCameFromReports()
    {
        const string Baseline = "examples/fast-search-ipsec-baseline.dsc.yaml";
        const string Snapshot = "examples/snapshots/windows/fast-02.dsc.json";
        var path = AsDscConfigExport(Snapshot, "fast-02-by-dsc.dsc.json");

        var fromDsc = Envelope(DscOffloadProcess.Run("config", "test", "--file", Baseline, "--against", path, "--format", "json"));
        var fromSnapshot = Envelope(DscOffloadProcess.Run("config", "test", "--file", Baseline, "--against", Snapshot, "--format", "json"));

        static IEnumerable<string> Drift(JObject envelope) => envelope["results"]!.Children()
            .Select(r => $"{r["name"]}: {r["result"]!["inDesiredState"]} {string.Join(",", r["result"]!["differingProperties"]!.Values<string>())}");
        Drift(fromDsc).Should().Equal(Drift(fromSnapshot)).And.Contain(d => d.Contains("False", StringComparison.Ordinal), "fast-02 drifts from the baseline");
        fromDsc["metadata"]!["DscOffload"]!["host"]!.Value<string>().Should().Be("fast-02-by-dsc", "a dsc export names no host, so the file does");
    }
}
