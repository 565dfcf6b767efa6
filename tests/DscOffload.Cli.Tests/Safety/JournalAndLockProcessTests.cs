using System.Diagnostics;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Safety;

/// <summary>
/// The journal, the host lock, the privilege check and partial failures through the published binary, on veth
/// interfaces in a private network namespace, cross-checked with <c>ethtool -k</c> and <c>ethtool -l</c>.
/// </summary>
public sealed class JournalAndLockProcessTests : IDisposable
{
    private const string Head = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n";
    private const string PauseVariable = "DSCOFFLOAD_TEST_PAUSE_AFTER_INSTANCE_MS";

    /// <summary>Two instances on two adapters, so a pause after the first lands in the middle of the change.</summary>
    private const string TwoAdapters = Head
        + "- name: first\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v0\n    features: {tso: false, gro: true, tx: false}\n"
        + "- name: second\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: m0\n    features: {sg: false}\n    channels: {rx: 2, tx: 3}\n";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-journal-");
    private readonly VethNamespace _netns = new();

    public void Dispose()
    {
        _netns.Dispose();
        _dir.Delete(recursive: true);
    }

    private Dictionary<string, string?> Env(int pauseMs = 0)
    {
        var env = new Dictionary<string, string?> { ["DSCOFFLOAD_STATE_DIR"] = Path.Combine(_dir.FullName, "state") };
        if (pauseMs > 0)
        {
            env[PauseVariable] = pauseMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return env;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private SafetyResult Dsc(params string[] args) => SafetyProcess.Run(args, Env(), netns: _netns.Name, timeout: TimeSpan.FromSeconds(60));

    private JArray Entries()
    {
        var list = Dsc("rollback", "--list", "--format", "json");
        list.ExitCode.Should().Be(0, list.ToString());
        return (JArray)JObject.Parse(list.Stdout)["entries"]!;
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            Thread.Sleep(50);
        }
    }

    [PrivilegedFact("ethtool")]
    public void ConfigSet_KilledMidChange_LeavesAPendingEntryFromWhichRollbackRestoresThePriorStateExactly()
    {
        var document = Write("two.dsc.yaml", TwoAdapters);
        var before = _netns.State();
        var v0Before = _netns.Features("v0");

        using var running = SafetyProcess.Start(["config", "set", "--file", document, "--format", "json"], Env(pauseMs: 60_000), _netns.Name);
        WaitFor(() => _netns.Features("v0") != v0Before, "the first instance changed v0");
        running.Kill();
        running.WaitForExit();
        running.ExitCode.Should().Be(137, "SIGKILL");

        _netns.State().Should().NotBe(before, "the kill landed after the first change");
        _netns.Features("m0").Should().Contain("scatter-gather: on", "the second instance never ran");
        var entry = Entries().Should().ContainSingle().Subject;
        entry["status"]!.Value<string>().Should().Be("pending", "the killed run never recorded an outcome");

        // The killed holder's lock is gone with it: rollback takes the lock and restores exactly.
        var rollback = Dsc("rollback", "--format", "json");
        rollback.ExitCode.Should().Be(0, rollback.ToString());
        _netns.State().Should().Be(before);

        var entries = Entries();
        entries.Should().HaveCount(2);
        entries.Single(e => e["id"]!.Value<string>() == entry["id"]!.Value<string>())["status"]!.Value<string>().Should().Be("rolledBack");
        entries.Single(e => e["command"]!.Value<string>()!.StartsWith("rollback --id ", StringComparison.Ordinal))["status"]!.Value<string>().Should().Be("applied");
    }

    [PrivilegedFact("ethtool")]
    public void TwoConcurrentSets_OneIsAppliedAndTheOtherIsRefusedWithCode6ChangingNothing()
    {
        var first = Write("first.dsc.yaml", Head + "- name: first\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v0\n    features: {gro: true}\n"
            + "- name: also\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v1\n    features: {gro: true}\n");
        var second = Write("second.dsc.yaml", Head + "- name: second\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: m0\n    features: {sg: false}\n");
        var m0Before = _netns.Features("m0");

        using var holder = SafetyProcess.Start(["config", "set", "--file", first, "--format", "json"], Env(pauseMs: 4_000), _netns.Name);
        WaitFor(() => Directory.Exists(Path.Combine(_dir.FullName, "state", "journal")) && Directory.GetFiles(Path.Combine(_dir.FullName, "state", "journal")).Length > 0,
            "the first set journaled and holds the lock");

        var refused = Dsc("config", "set", "--file", second, "--format", "json");
        var protocol = Dsc("resource", "set", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\":\"m0\",\"features\":{\"sg\":false}}");
        holder.WaitForExit(30_000).Should().BeTrue();

        holder.ExitCode.Should().Be(0, holder.StandardError.ReadToEnd());
        refused.ExitCode.Should().Be(6, refused.ToString());
        refused.StderrLines.Should().ContainSingle().Which.Should().Contain("another dscoffload change is running").And.Contain($"pid {holder.Id}").And.Contain("nothing was changed");
        refused.Stdout.Should().BeEmpty();
        protocol.ExitCode.Should().Be(6, protocol.ToString());
        JObject.Parse(protocol.StderrLines.Single())["error"]!.Value<string>().Should().Contain("another dscoffload change is running");

        _netns.Features("v0").Should().Contain("generic-receive-offload: on", "the first set was applied");
        _netns.Features("v1").Should().Contain("generic-receive-offload: on");
        _netns.Features("m0").Should().Be(m0Before, "the refused sets changed nothing");
        Entries().Should().ContainSingle("only the applied set has a journal entry").Which["status"]!.Value<string>().Should().Be("applied");
    }

    [PrivilegedFact("ethtool")]
    public void Set_WithoutPrivileges_ExitsThreeBeforeChangingOrWritingAnything()
    {
        var document = Path.Combine(Path.GetTempPath(), $"dscoffload-unprivileged-{Guid.NewGuid():N}.dsc.yaml");
        File.WriteAllText(document, Head + "- name: first\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v0\n    features: {gro: true}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(document, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        try
        {
            var before = _netns.State();
            var binary = Process.RepositoryPaths.Binary;
            string[] asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", binary];
            var config = Unprivileged([.. asNobody, "config", "set", "--file", document]);
            var resource = Unprivileged([.. asNobody, "resource", "set", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\":\"v0\",\"features\":{\"gro\":true}}"]);

            config.ExitCode.Should().Be(3, config.ToString());
            config.StderrLines.Should().ContainSingle().Which.Should().Contain("needs root").And.Contain("nothing was changed");
            resource.ExitCode.Should().Be(3, resource.ToString());
            JObject.Parse(resource.StderrLines.Single())["error"]!.Value<string>().Should().Contain("needs root");
            _netns.State().Should().Be(before);
            Directory.Exists(Path.Combine(_dir.FullName, "state")).Should().BeFalse("the check comes before the lock and the journal");
        }
        finally
        {
            File.Delete(document);
        }
    }

    [PrivilegedFact("ethtool")]
    public void PartialFailure_ExitsSevenNamingWhatChangedAndTheRollbackCommand_WhichRestoresExactly()
    {
        // v0 changes first; then 'second' asks for LRO, which a veth has fixed off: not supported, after a change.
        var document = Write("partial.dsc.yaml", Head
            + "- name: first\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v0\n    features: {gro: true, tso: false}\n"
            + "- name: second\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v1\n    features: {lro: true}\n");
        var before = _netns.State();

        var set = Dsc("config", "set", "--file", document, "--format", "json");

        set.ExitCode.Should().Be(7, set.ToString());
        var id = Entries().Single()["id"]!.Value<string>()!;
        var line = set.StderrLines.Should().ContainSingle().Subject;
        line.Should().Contain("partially applied: changed 'first' (features)").And.Contain("'second' failed")
            .And.Contain($"dscoffload rollback --id {id}");
        Entries().Single()["status"]!.Value<string>().Should().Be("partial");

        var rollback = Dsc("rollback", "--id", id, "--format", "json");
        rollback.ExitCode.Should().Be(0, rollback.ToString());
        _netns.State().Should().Be(before);
    }

    [PrivilegedFact("ethtool")]
    public void ResourceSet_PartialFailure_ExitsSevenWithTheRollbackCommand()
    {
        // With TSO off beforehand, one request turns GRO on and scatter-gather off and asks for TSO, which the kernel
        // cannot activate without scatter-gather (ETHTOOL_F_WISH): a failure after GRO and scatter-gather changed.
        _netns.Ethtool("-K", "m0", "tso", "off");
        var before = _netns.State();
        var set = Dsc("resource", "set", "--type", "DscOffload.Linux/NetAdapterOffload", "--input",
            "{\"name\":\"m0\",\"features\":{\"gro\":true,\"tx-scatter-gather\":false,\"tx-tcp-segmentation\":true}}");

        set.ExitCode.Should().Be(7, set.ToString());
        var entry = Entries().Single();
        entry["status"]!.Value<string>().Should().Be("partial");
        entry["command"]!.Value<string>().Should().Be("resource set --type DscOffload.Linux/NetAdapterOffload");
        var error = JObject.Parse(set.StderrLines.Single())["error"]!.Value<string>()!;
        error.Should().Contain("already changed: 'm0'").And.Contain("ETHTOOL_F_WISH").And.Contain($"'dscoffload rollback --id {entry["id"]}' restores");
        error.Split("dscoffload rollback").Should().HaveCount(2, "the advice is given once, with the exact entry");

        Dsc("rollback", "--format", "json").ExitCode.Should().Be(0);
        _netns.State().Should().Be(before);
    }

    [PrivilegedFact("ethtool")]
    public void Rollback_OfARollback_RedoesTheChange_AndASetInDesiredStateWritesNoEntry()
    {
        var document = Write("one.dsc.yaml", Head + "- name: first\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: v0\n    features: {gro: true}\n");
        var before = _netns.State();
        Dsc("config", "set", "--file", document, "--format", "json").ExitCode.Should().Be(0);
        var after = _netns.State();
        Dsc("config", "set", "--file", document, "--format", "json").ExitCode.Should().Be(0);
        Entries().Should().ContainSingle("a set that changes nothing needs no journal entry");

        Dsc("rollback", "--format", "json").ExitCode.Should().Be(0);
        _netns.State().Should().Be(before);
        var undo = Entries().First(e => e["command"]!.Value<string>()!.StartsWith("rollback", StringComparison.Ordinal));
        Dsc("rollback", "--id", undo["id"]!.Value<string>()!, "--format", "json").ExitCode.Should().Be(0);
        _netns.State().Should().Be(after);
    }

    [Fact]
    public void Rollback_UnknownIdOrEmptyJournal_ExitsOneWithOneLine()
    {
        var unknown = SafetyProcess.Run(["rollback", "--id", "19990101"], Env());
        unknown.ExitCode.Should().Be(1, unknown.ToString());
        unknown.StderrLines.Should().ContainSingle().Which.Should().Contain("no journal entry '19990101'");

        var empty = SafetyProcess.Run(["rollback"], Env());
        empty.ExitCode.Should().Be(1, empty.ToString());
        empty.StderrLines.Should().ContainSingle().Which.Should().Contain("nothing to roll back");

        var list = SafetyProcess.Run(["rollback", "--list", "--format", "json"], Env());
        list.ExitCode.Should().Be(0);
        JObject.Parse(list.Stdout)["entries"].Should().BeEmpty();
    }

    /// <summary>Runs setpriv (as user nobody) inside the namespace, with this test's state directory.</summary>
    private SafetyResult Unprivileged(string[] setprivArgs)
    {
        var start = new ProcessStartInfo(ExternalProgram.Find("ip") ?? "ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["netns", "exec", _netns.Name, ExternalProgram.Find("setpriv") ?? "setpriv", .. setprivArgs])
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in Env())
        {
            start.Environment[k] = v;
        }

        var clock = Stopwatch.StartNew();
        using var p = System.Diagnostics.Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return new SafetyResult(p.ExitCode, stdout, stderr.Result, clock.Elapsed);
    }
}
