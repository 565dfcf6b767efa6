using DscOffload.Cli.Tests.Process;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Linux;

/// <summary>
/// <c>snapshot → validate → config test / config set</c> on the host the snapshot came from (a veth pair and
/// <c>lo</c> in a private network namespace): the snapshot is valid input, tests in desired state and applies
/// without changing anything, loopback included (exported with <c>includeLoopback: true</c>). Needs root.
/// </summary>
public sealed class LiveSnapshotRoundTripTests : IDisposable
{
    private readonly CliVethNamespace _ns = new();

    public void Dispose() => _ns.Dispose();

    private string Snapshot()
    {
        var path = Path.Combine(_ns.Files.FullName, "host.dsc.json");
        var snapshot = _ns.Run("snapshot", "--output", path);
        snapshot.ExitCode.Should().Be(0, snapshot.ToString());
        return path;
    }

    private static JObject Envelope(ProcessResult result)
    {
        result.ExitCode.Should().Be(0, result.ToString());
        return JObject.Parse(result.Stdout);
    }

    [PrivilegedFact]
    public void Snapshot_RecordsTheOperatingSystemVersion()
    {
        // On Windows the build in it decides which settings still have an effect when the snapshot is replayed.
        var meta = JObject.Parse(File.ReadAllText(Snapshot()))["metadata"]!["DscOffload"]!;

        var version = Environment.OSVersion.Version;
        meta["osVersion"]!.Value<string>().Should().Be($"{version.Major}.{version.Minor}.{version.Build}");
    }

    [PrivilegedFact]
    public void Snapshot_ExportsLoopbackSelectedWithIncludeLoopback()
    {
        var resources = JObject.Parse(File.ReadAllText(Snapshot()))["resources"]!;

        var lo = resources.Should().ContainSingle(r => r["name"]!.Value<string>() == "lo").Subject["properties"]!;
        lo["includeLoopback"]!.Value<bool>().Should().BeTrue();
        resources.Single(r => r["name"]!.Value<string>() == CliVethNamespace.Interface)["properties"]!["includeLoopback"]
            .Should().BeNull("only an interface hidden by default needs it");
    }

    [PrivilegedFact]
    public void Snapshot_ValidatesAndTestsInDesiredStateOnTheHostItCameFrom()
    {
        var path = Snapshot();

        DscOffloadProcess.Run("validate", path).ExitCode.Should().Be(0);
        var envelope = Envelope(_ns.Run("config", "test", "--file", path, "--format", "json", "--fail-on-drift"));

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse(envelope.ToString());
        var results = envelope["results"]!.Children().ToList();
        results.Select(r => r["name"]!.Value<string>()).Should().Contain(["lo", CliVethNamespace.Interface, "peer0"]);
        results.Should().OnlyContain(r => r["result"]!["inDesiredState"]!.Value<bool>(), envelope.ToString());
    }

    [PrivilegedFact("ethtool")]
    public void Snapshot_SetOnTheHostItCameFrom_RunsEveryInstanceAndChangesNothing()
    {
        var path = Snapshot();
        var kernel = _ns.KernelState() + _ns.Ethtool("-k", "lo");

        var envelope = Envelope(_ns.Run("config", "set", "--file", path, "--format", "json"));

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse(envelope.ToString());
        var results = envelope["results"]!.Children().ToList();
        results.Should().HaveCount(JObject.Parse(File.ReadAllText(path))["resources"]!.Count(), "no instance is skipped");
        results.Should().OnlyContain(r => r["result"]!["changedProperties"]!.Type == JTokenType.Null, envelope.ToString());
        (_ns.KernelState() + _ns.Ethtool("-k", "lo")).Should().Be(kernel);
    }

    [PrivilegedFact]
    public void Snapshot_RecordsAShadowingLinkFile_AndTestAgainstTheRecordingReportsItWithItsLine()
    {
        var root = _ns.Files.CreateSubdirectory("config-root").FullName;
        Directory.CreateDirectory(Path.Combine(root, "etc/systemd/network"));
        File.WriteAllText(Path.Combine(root, "etc/systemd/network/05-site.link"), $"[Match]\nOriginalName={CliVethNamespace.Interface}\n[Link]\nMTUBytes=1400\n");
        var path = Path.Combine(_ns.Files.FullName, "host.dsc.json");
        var snapshot = _ns.Run(["snapshot", "--output", path], new Dictionary<string, string?> { ["DSCOFFLOAD_NETWORK_CONFIG_ROOT"] = root });
        snapshot.ExitCode.Should().Be(0, snapshot.ToString());
        var document = Path.Combine(_ns.Files.FullName, "persist.dsc.json");
        var properties = new JObject { ["name"] = CliVethNamespace.Interface, ["persist"] = "SystemdLink" };
        File.WriteAllText(document, new JObject
        {
            ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
            ["resources"] = new JArray(new JObject { ["name"] = "uplink", ["type"] = "DscOffload.Linux/NetAdapterOffload", ["properties"] = properties }),
        }.ToString());

        var test = DscOffloadProcess.Run("config", "test", "--file", document, "--against", path, "--format", "json");

        var envelope = JObject.Parse(test.Stdout);
        var result = envelope["results"]!.Single()["result"]!;
        result["inDesiredState"]!.Value<bool>().Should().BeFalse(envelope.ToString());
        result["actualState"]!["adapters"]!.Single()["persisted"]!.Value<bool>().Should().BeFalse();
        (test.Stdout + test.Stderr).Should().Contain($"/etc/systemd/network/05-site.link:2: matches '{CliVethNamespace.Interface}'").And.NotContain(root);
    }
}
