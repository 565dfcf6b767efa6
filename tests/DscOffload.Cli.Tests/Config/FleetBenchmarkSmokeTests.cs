using System.Diagnostics;
using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// The fleet benchmark (<c>tests/benchmarks/fleet.sh</c>) at a small size, so the script the README's figures come
/// from keeps working: it generates the hosts, runs the native binary and prints its table and growth ratio.
/// </summary>
public sealed class FleetBenchmarkSmokeTests
{
    [Fact]
    public async Task FleetBenchmark_AtTwoSmallSizes_PrintsARowPerSizeAndTheGrowthRatio()
    {
        if (!RepositoryPaths.IsNative || !OperatingSystem.IsLinux())
        {
            return; // the script measures the published native binary with GNU time
        }

        var start = new ProcessStartInfo("bash", ["tests/benchmarks/fleet.sh", "1", "50", "150"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["DSCOFFLOAD_BINARY"] = RepositoryPaths.Binary;

        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, await stderr);
        stdout.Should().MatchRegex(@"\| 50 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9]+ \| [0-9]+ \|")
            .And.MatchRegex(@"\| 150 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9]+ \| [0-9]+ \|")
            .And.MatchRegex(@"growth: wall time per host at 150 / at 50 = [0-9.]+, CPU time per host [0-9.]+");
    }
}
