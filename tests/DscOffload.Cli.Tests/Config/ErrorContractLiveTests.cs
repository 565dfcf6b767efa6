using System.Diagnostics;
using DscOffload.Cli.Tests.Linux;
using DscOffload.Cli.Tests.Process;
using DscOffload.Cli.Tests.Protocol;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// The error contract for the codes that need a live host or root, on veth pairs in a private network namespace: 2 (a
/// feature the adapter has fixed off), 3 (not root), 4 (a document the user may not read: permission denied, 4 as
/// dsc's EXIT_INVALID_INPUT), 6 (another change holds the host lock) and 7 (partially applied), for
/// <c>config set</c> and <c>resource set</c>. Each row asserts the code, a stderr line naming the
/// cause (a JSON trace line for the protocol), no stack trace, and for config with JSON output the envelope
/// exactly when the run started.
/// </summary>
public sealed class ErrorContractLiveTests : IDisposable
{
    private const string Head = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n";
    private const string Type = "DscOffload.Linux/NetAdapterOffload";

    private readonly CliVethNamespace _veth = new();

    public void Dispose() => _veth.Dispose();

    public static TheoryData<string> Rows => ["config 4", "config 2", "config 3", "config 6", "config 7", "resource 3", "resource 5", "resource 6", "resource 7"];

    [PrivilegedTheory("flock")]
    [MemberData(nameof(Rows))]
    public void LiveFailure_ExitsWithItsCode_AndSaysWhyOnStderr(string row)
    {
        var (result, code, cause, envelope) = row switch
        {
            "config 4" => (Run(["config", "get", "-f", _veth.WriteFile("private.dsc.yaml", "resources: []\n"), "-o", "json"], null, unprivileged: true), 4, "denied", false),
            "config 2" => (Config(Head + Nic("eth0", "features: {rx-lro: true}")), 2, "features.rx-lro (not supported)", true),
            "config 3" => (Config(Head + Nic("eth0", "features: {gro: true}"), unprivileged: true), 3, "needs root", false),
            "config 6" => (WhileLocked(() => Config(Head + Nic("eth0", "features: {gro: true}"))), 6, "another dscoffload change is running", false),
            "config 7" => (Config(Head + Nic("eth0", "features: {tso: false}") + Nic("eth1", "features: {rx-lro: true}", "second"), addSecond: true), 7, "partially applied", true),
            "resource 3" => (Resource("""{"name":"eth0","features":{"gro":true}}""", unprivileged: true), 3, "needs root", false),
            "resource 5" => (Resource("""{"name":"eth0","features":{"rx-lro":true}}"""), 5, "rx-lro", false),
            "resource 6" => (WhileLocked(() => Resource("""{"name":"eth0","features":{"gro":true}}""")), 6, "another dscoffload change is running", false),
            "resource 7" => (ResourceAfterTsoOff("""{"name":"eth0","features":{"gro":true,"tx-scatter-gather":false,"tx-tcp-segmentation":true}}"""), 7, "dscoffload rollback --id", false),
            _ => throw new ArgumentOutOfRangeException(nameof(row)),
        };

        result.ExitCode.Should().Be(code, result.ToString());
        result.Stderr.Should().NotContain("   at ").And.NotContain("unexpected error");
        if (row.StartsWith("resource", StringComparison.Ordinal))
        {
            result.Stdout.Should().BeEmpty();
            result.StderrLines.Select(DscTraceLine.Parse).Should().NotContainNulls()
                .And.Contain(t => t!.Level == "error" && t.Message.Contains(cause), result.ToString());
            return;
        }

        result.StderrLines.Should().Contain(l => l.StartsWith("dscoffload: error: ", StringComparison.Ordinal) && l.Contains(cause), result.ToString());
        if (envelope)
        {
            JObject.Parse(result.StdoutLines[0]).Should().ContainKeys("executionInformation", "results", "hadErrors");
        }
        else
        {
            result.Stdout.Should().BeEmpty("the run was refused before it started");
        }
    }

    private static string Nic(string name, string properties, string instance = "nic") =>
        $"- name: {instance}\n  type: {Type}\n  properties:\n    name: {name}\n    {properties}\n";

    private static readonly string[] AsNobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

    private ProcessResult Config(string document, bool unprivileged = false, bool addSecond = false)
    {
        if (addSecond)
        {
            _veth.AddVethPair("eth1", "peer1");
        }

        // The document comes on stdin (-f -): an unprivileged run cannot read the test's private directory.
        return Run(["config", "set", "-f", "-", "-o", "json"], document, unprivileged);
    }

    private ProcessResult Resource(string input, bool unprivileged = false) =>
        Run(["resource", "set", "--type", Type, "--input", input], null, unprivileged);

    private ProcessResult ResourceAfterTsoOff(string input)
    {
        // With TSO off, one request turns GRO on and scatter-gather off and asks for TSO, which the kernel cannot
        // activate without scatter-gather: the request fails after GRO and scatter-gather changed.
        _veth.Ethtool("-K", CliVethNamespace.Interface, "tso", "off");
        return Resource(input);
    }

    private ProcessResult Run(string[] args, string? stdin, bool unprivileged) =>
        _veth.Run(args, launcher: unprivileged ? AsNobody : null, stdin: stdin);

    /// <summary>Runs <paramref name="body"/> while another process holds the host lock of this test's state directory.</summary>
    private ProcessResult WhileLocked(Func<ProcessResult> body)
    {
        var state = Path.Combine(_veth.Files.FullName, "state");
        Directory.CreateDirectory(state);
        var lockFile = Path.Combine(state, "change.lock");
        var start = new ProcessStartInfo("flock", ["--exclusive", lockFile, "sleep", "60"]) { UseShellExecute = false };
        using var holder = System.Diagnostics.Process.Start(start)!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (TryLock(lockFile) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(50);
            }

            return body();
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    /// <summary>True when the lock is still free (the holder has not taken it yet).</summary>
    private static bool TryLock(string lockFile)
    {
        var probe = System.Diagnostics.Process.Start(new ProcessStartInfo("flock", ["--nonblock", "--exclusive", lockFile, "true"]) { UseShellExecute = false })!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }
}
