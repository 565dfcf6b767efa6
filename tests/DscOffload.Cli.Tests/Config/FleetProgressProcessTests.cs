using System.Diagnostics;
using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// A fleet run through the binary: hosts reported in file order although they are evaluated on several threads,
/// and the progress line on stderr only when stderr is a terminal (a pseudo-terminal from <c>script</c>).
/// </summary>
public sealed class FleetProgressProcessTests : IDisposable
{
    private const int Hosts = 120;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-fleet-");

    public FleetProgressProcessTests()
    {
        // Copies of the three Windows examples under new names, so in-desired-state and drifted hosts alternate.
        var examples = Directory.GetFiles(RepositoryPaths.InRepo("examples", "snapshots", "windows"), "*.dsc.json").Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < Hosts; i++)
        {
            var source = File.ReadAllText(examples[i % examples.Count]);
            var name = $"host-{i:D4}";
            var text = System.Text.RegularExpressions.Regex.Replace(source, "\"host\": \"[^\"]*\"", $"\"host\": \"{name}\"");
            File.WriteAllText(Path.Combine(_dir.FullName, name + ".dsc.json"), text);
        }
    }

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void FleetRun_WithStderrRedirected_ReportsHostsInFileOrderAndWritesNoProgressLine()
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", "examples/fast-search-ipsec-baseline.dsc.yaml", "--against", _dir.FullName, "--format", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        var envelopes = result.StdoutLines.Select(JObject.Parse).ToList();
        envelopes.Select(e => e["metadata"]!["DscOffload"]!["host"]!.Value<string>())
            .Should().Equal(Enumerable.Range(0, Hosts).Select(i => $"host-{i:D4}"));

        // Each host's verdict is the one a run against that file alone gives.
        foreach (var i in new[] { 0, 1, 2, Hosts - 1 })
        {
            var alone = DscOffloadProcess.Run("config", "test", "--file", "examples/fast-search-ipsec-baseline.dsc.yaml",
                "--against", Path.Combine(_dir.FullName, $"host-{i:D4}.dsc.json"), "--format", "json");
            Verdicts(JObject.Parse(alone.Stdout)).Should().Equal(Verdicts(envelopes[i]), $"host {i}");
        }
    }

    [Fact]
    public async Task FleetRun_WithStderrOnATerminal_ShowsTheHostCountAndClearsIt()
    {
        var binary = RepositoryPaths.Binary.EndsWith(".dll", StringComparison.Ordinal) ? $"dotnet '{RepositoryPaths.Binary}'" : $"'{RepositoryPaths.Binary}'";
        var command = $"{binary} config test --file examples/fast-search-ipsec-baseline.dsc.yaml --against '{_dir.FullName}' --format json >/dev/null";
        var start = new ProcessStartInfo("script", ["-q", "-e", "-c", command, "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var terminal = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, terminal);
        terminal.Should().MatchRegex($@"\r\u001b\[2K[0-9,]+ / {Hosts} hosts").And.EndWith("\r\u001b[2K");
    }

    private static List<string> Verdicts(JObject envelope) =>
        [.. envelope["results"]!.Select(r => $"{r["name"]}: {r["result"]!["inDesiredState"]} {r["result"]!["differingProperties"]?.ToString(Newtonsoft.Json.Formatting.None)}")];
}
