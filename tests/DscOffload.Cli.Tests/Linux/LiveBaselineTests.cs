using DscOffload.Cli.Tests.Process;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Linux;

/// <summary>
/// The Linux example baseline applied by the native binary to a veth interface in a private network
/// namespace: the kernel agrees (cross-checked with the <c>ethtool</c> program), a second set changes
/// nothing and says so, test and a snapshot round trip agree, what-if changes nothing, and persistence
/// writes the documented <c>.link</c> file. Needs root; each test gets its own namespace.
/// </summary>
public sealed class LiveBaselineTests : IDisposable
{
    private const string Type = "DscOffload.Linux/NetAdapterOffload";
    private readonly CliVethNamespace _ns = new();
    private readonly string _baseline = RepositoryPaths.InRepo("examples", "linux-offload-baseline.dsc.yaml");

    public void Dispose() => _ns.Dispose();

    private JObject Config(string operation, params string[] extra)
    {
        var result = _ns.Run(["config", operation, "--file", _baseline, "--format", "json", .. extra]);
        result.ExitCode.Should().Be(0, result.ToString());
        return JObject.Parse(result.Stdout);
    }

    private static IEnumerable<JToken> Results(JObject envelope) => envelope["results"]!.Children();

    /// <summary>A document that turns GRO off on <paramref name="pattern"/> and persists it in a <c>.link</c> file.</summary>
    private string GroOffPersisted(string fileName, string pattern) => _ns.WriteFile(fileName, $$"""
        $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
        resources:
        - name: GRO off, kept across reboots
          type: DscOffload.Linux/NetAdapterOffload
          properties:
            name: '{{pattern}}'
            features: {gro: false}
            persist: SystemdLink
        """);

    [PrivilegedFact]
    public void ConfigSet_Baseline_ChangesFeaturesAndChannels()
    {
        var envelope = Config("set");

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse();
        var result = Results(envelope).Should().ContainSingle().Subject["result"]!;
        result["changedProperties"]!.Values<string>().Should().Contain(["features", "channels"]);
        result["afterState"]!["adapters"]!.Should().ContainSingle().Which["name"]!.Value<string>().Should().Be(CliVethNamespace.Interface);
        result["afterState"]!["channels"]!["rx"]!.Value<int>().Should().Be(1);
    }

    [PrivilegedFact("ethtool")]
    public void ConfigSet_Baseline_KernelAgreesAccordingToEthtool()
    {
        // A new veth starts with GRO off; turn it on so that the set has to turn every baseline feature off.
        _ns.Ethtool("-K", CliVethNamespace.Interface, "gro", "on");
        var before = EthtoolReport.Features(_ns.Ethtool("-k", CliVethNamespace.Interface));
        before["tx-checksumming"].Should().BeTrue("a new veth starts with offloads on, so the set has something to do");
        before["tcp-segmentation-offload"].Should().BeTrue();
        before["generic-receive-offload"].Should().BeTrue();
        EthtoolReport.CurrentChannels(_ns.Ethtool("-l", CliVethNamespace.Interface), "RX").Should().Be(CliVethNamespace.Queues);

        Config("set");

        var after = EthtoolReport.Features(_ns.Ethtool("-k", CliVethNamespace.Interface));
        foreach (var feature in (string[])["rx-checksumming", "tx-checksumming", "tcp-segmentation-offload", "generic-segmentation-offload", "generic-receive-offload"])
        {
            after[feature].Should().BeFalse($"the baseline turns {feature} off");
        }

        EthtoolReport.CurrentChannels(_ns.Ethtool("-l", CliVethNamespace.Interface), "RX").Should().Be(1);
    }

    [PrivilegedFact("ethtool")]
    public void ConfigSet_SecondTime_ChangesNothingAndSaysSo()
    {
        Config("set");
        var kernel = _ns.KernelState();

        var again = Config("set");

        again["hadErrors"]!.Value<bool>().Should().BeFalse();
        Results(again).Should().NotBeEmpty().And.OnlyContain(r => !r["result"]!["changedProperties"]!.HasValues);
        again["messages"]!.Should().Contain(m => m["level"]!.Value<string>() == "information"
            && m["message"]!.Value<string>()!.Contains("already in desired state; nothing changed"));
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact]
    public void ConfigTest_ReportsDriftBeforeSetAndDesiredStateAfter()
    {
        Results(Config("test")).Should().ContainSingle().Which["result"]!["inDesiredState"]!.Value<bool>().Should().BeFalse();

        Config("set");

        var after = Config("test");
        Results(after).Should().ContainSingle().Which["result"]!["inDesiredState"]!.Value<bool>().Should().BeTrue();
        after["hadErrors"]!.Value<bool>().Should().BeFalse();
    }

    [PrivilegedFact("ethtool")]
    public void ConfigSetWhatIf_PredictsTheChangesAndChangesNothing()
    {
        var kernel = _ns.KernelState();

        var envelope = Config("set", "--what-if");

        envelope["metadata"]!["Microsoft.DSC"]!["executionType"]!.Value<string>().Should().Be("whatIf");
        Results(envelope).Should().ContainSingle().Which["result"]!["changedProperties"]!.Values<string>().Should().Contain(["features", "channels"]);
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact]
    public void Snapshot_TakenAfterSet_SatisfiesTheBaselineWhenTestedAgainst()
    {
        var before = Path.Combine(_ns.Files.FullName, "before.dsc.json");
        var after = Path.Combine(_ns.Files.FullName, "after.dsc.json");
        _ns.Run("snapshot", "--output", before).ExitCode.Should().Be(0);
        Config("set");
        var snapshot = _ns.Run("snapshot", "--output", after);
        snapshot.ExitCode.Should().Be(0, snapshot.ToString());

        InDesiredStateAgainst(before).Should().BeFalse("the snapshot before set records the offloads on");
        InDesiredStateAgainst(after).Should().BeTrue();
        var resources = JObject.Parse(File.ReadAllText(after))["resources"]!;
        resources.Should().Contain(r => r["type"]!.Value<string>() == Type && r["name"]!.Value<string>() == CliVethNamespace.Interface);
    }

    private bool InDesiredStateAgainst(string snapshot)
    {
        // Recorded state needs no namespace: the document is tested against the file alone.
        var result = DscOffloadProcess.Run("config", "test", "--file", _baseline, "--against", snapshot, "--format", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        var envelope = JObject.Parse(result.Stdout);
        envelope["metadata"]!["DscOffload"]!["target"]!.Value<string>().Should().Be("recorded");
        return Results(envelope).Should().ContainSingle().Subject["result"]!["inDesiredState"]!.Value<bool>();
    }

    [PrivilegedFact]
    public void ConfigSet_PersistSystemdLink_WritesTheDocumentedLinkFileAndThenIsInDesiredState()
    {
        // The baseline's 'tso' alias includes TSO variants no .link key can set, so a persisted baseline names TSO's members.
        var document = _ns.WriteFile("persist.dsc.yaml", """
            $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
            resources:
            - name: data interfaces, kept across reboots
              type: DscOffload.Linux/NetAdapterOffload
              properties:
                name: eth*
                features: {rx: false, tx: false, tx-tcp-segmentation: false, tx-tcp6-segmentation: false, gso: false, gro: false}
                channels: {rx: 1}
                persist: SystemdLink
            """);

        var set = _ns.Run("config", "set", "--file", document, "--format", "json");

        set.ExitCode.Should().Be(0, set.ToString());
        var link = Path.Combine(_ns.LinkDirectory, "10-dscoffload-eth0.link");
        Directory.GetFiles(_ns.LinkDirectory).Should().Equal([link], "one file per interface, named 10-dscoffload-<interface>.link");
        File.ReadAllText(link).Should().Contain("[Match]\nOriginalName=eth0\n").And.Contain("GenericReceiveOffload=false")
            .And.Contain("TCPSegmentationOffload=false").And.Contain("RxChannels=1");
        JObject.Parse(set.Stdout)["results"]![0]!["result"]!["changedProperties"]!.Values<string>().Should().Contain("persist");

        var test = _ns.Run("config", "test", "--file", document, "--format", "json");
        test.ExitCode.Should().Be(0, test.ToString());
        JObject.Parse(test.Stdout)["results"]![0]!["result"]!["inDesiredState"]!.Value<bool>().Should().BeTrue();
    }

    [PrivilegedFact("ethtool")]
    public void Rollback_OfAPersistedSet_RestoresTheKernelAndTheLinkFiles_AndCanItselfBeRolledBack()
    {
        var kernel = _ns.KernelState();
        var document = GroOffPersisted("persist-rollback.dsc.yaml", "eth*");
        var link = Path.Combine(_ns.LinkDirectory, "10-dscoffload-eth0.link");
        var set = _ns.Run("config", "set", "--file", document, "--format", "json");
        set.ExitCode.Should().Be(0, set.ToString());
        var written = File.ReadAllText(link);

        var whatIf = _ns.Run("rollback", "--what-if", "--format", "json");
        whatIf.ExitCode.Should().Be(0, whatIf.ToString());
        whatIf.Stderr.Should().Contain($"would delete {link} (it did not exist before the change)");
        File.ReadAllText(link).Should().Be(written, "what-if changes nothing");

        var rollback = _ns.Run("rollback", "--format", "json");

        rollback.ExitCode.Should().Be(0, rollback.ToString());
        rollback.Stderr.Should().Contain($"deleted {link}");
        File.Exists(link).Should().BeFalse("the file did not exist before the set");
        _ns.KernelState().Should().Be(kernel);

        var entries = JObject.Parse(_ns.Run("rollback", "--list", "--format", "json").Stdout)["entries"]!;
        var undo = entries.First(e => e["command"]!.Value<string>()!.StartsWith("rollback --id ", StringComparison.Ordinal));
        undo["files"]!.Values<string>().Should().Equal(link);
        var again = _ns.Run("rollback", "--id", undo["id"]!.Value<string>()!, "--format", "json");
        again.ExitCode.Should().Be(0, again.ToString());
        File.ReadAllText(link).Should().Be(written, "rolling back the rollback puts the set's file back");
    }

    [PrivilegedFact]
    public void Rollback_PutsBackTheExactLinkFileThatWasThereBeforeTheSet()
    {
        var link = Path.Combine(_ns.LinkDirectory, "10-dscoffload-eth0.link");
        const string Before = "# kept by hand\n[Match]\nOriginalName=eth0\n\n[Link]\nName=eth0\nGenericReceiveOffload=true\nMTUBytes=9000\n";
        File.WriteAllText(link, Before);
        var document = GroOffPersisted("persist-existing.dsc.yaml", "eth0");
        var set = _ns.Run("config", "set", "--file", document, "--format", "json");
        set.ExitCode.Should().Be(0, set.ToString());
        File.ReadAllText(link).Should().Contain("GenericReceiveOffload=false").And.Contain("MTUBytes=9000");

        var rollback = _ns.Run("rollback", "--format", "json");

        rollback.ExitCode.Should().Be(0, rollback.ToString());
        File.ReadAllText(link).Should().Be(Before);
    }

    [PrivilegedFact("ethtool")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Rollback_OfAPersistNetworkManagerSet_PutsBackTheProfileByteForByteWithItsMode()
    {
        var root = _ns.Files.CreateSubdirectory("root").FullName;
        var connections = Directory.CreateDirectory(Path.Combine(root, "etc/NetworkManager/system-connections")).FullName;
        var profile = Path.Combine(connections, "uplink.nmconnection");
        const string Before = "# kept by hand\r\n[connection]\r\nid=uplink\r\ninterface-name=eth0\r\n\r\n[ethernet]\r\nmtu=9000\r\n";
        File.WriteAllText(profile, Before);
        File.SetUnixFileMode(profile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var document = _ns.WriteFile("persist-nm.dsc.yaml", """
            $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
            resources:
            - name: GRO off, kept by NetworkManager
              type: DscOffload.Linux/NetAdapterOffload
              properties:
                name: eth0
                features: {gro: false}
                persist: NetworkManager
            """);
        // No NetworkManager answers on this bus: the machine's own NetworkManager, if any, is never asked to load a test file.
        var env = new Dictionary<string, string?>
        {
            ["DSCOFFLOAD_NETWORK_CONFIG_ROOT"] = root,
            ["DBUS_SYSTEM_BUS_ADDRESS"] = $"unix:path={Path.Combine(_ns.Files.FullName, "no-bus")}",
        };
        var set = _ns.Run(["config", "set", "--file", document, "--format", "json"], env);
        set.ExitCode.Should().Be(0, set.ToString());
        File.ReadAllText(profile).Should().Be(Before + "\r\n[ethtool]\r\nfeature-gro=false\r\n");
        set.ToString().Should().Contain("NetworkManager is not running");

        var rollback = _ns.Run(["rollback", "--format", "json"], env);

        rollback.ExitCode.Should().Be(0, rollback.ToString());
        rollback.Stderr.Should().Contain("NetworkManager is not running").And.Contain(profile);
        File.ReadAllText(profile).Should().Be(Before);
        File.GetUnixFileMode(profile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [PrivilegedFact("ethtool")]
    public void Rollback_OfAnEntryNamingAFileOutsideTheLinkDirectory_IsRefusedAndChangesNothing()
    {
        var document = GroOffPersisted("persist-tampered.dsc.yaml", "eth0");
        _ns.Run("config", "set", "--file", document, "--format", "json").ExitCode.Should().Be(0);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_ns.Files.FullName, "elsewhere")).FullName;
        var decoy = Path.Combine(elsewhere, "10-dscoffload-eth0.link");
        File.WriteAllText(decoy, "must survive");
        var entry = Directory.GetFiles(Path.Combine(_ns.Files.FullName, "state", "journal"), "*.dsc.json").Should().ContainSingle().Subject;
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(_ns.LinkDirectory, elsewhere, StringComparison.Ordinal));
        var kernel = _ns.KernelState();
        var link = File.ReadAllText(Path.Combine(_ns.LinkDirectory, "10-dscoffload-eth0.link"));

        var rollback = _ns.Run("rollback", "--format", "json");

        rollback.ExitCode.Should().Be(1, rollback.ToString());
        rollback.Stderr.Should().Contain($"names {decoy}, which is not in the .link directory {_ns.LinkDirectory}");
        File.ReadAllText(decoy).Should().Be("must survive");
        File.ReadAllText(Path.Combine(_ns.LinkDirectory, "10-dscoffload-eth0.link")).Should().Be(link);
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    public void Rollback_OfAnEntryNamingALinkFileInNetplansDirectory_IsRefusedAndChangesNothing()
    {
        // Each kind of file is accepted only in its own directory: netplan's directory is one rollback may write to,
        // but not for a .link file.
        var root = _ns.Files.CreateSubdirectory("root").FullName;
        var netplan = Directory.CreateDirectory(Path.Combine(root, "etc", "netplan")).FullName;
        var env = new Dictionary<string, string?> { ["DSCOFFLOAD_NETWORK_CONFIG_ROOT"] = root };
        var document = GroOffPersisted("persist-kind.dsc.yaml", "eth0");
        _ns.Run(["config", "set", "--file", document, "--format", "json"], env).ExitCode.Should().Be(0);
        var decoy = Path.Combine(netplan, "10-dscoffload-eth0.link");
        File.WriteAllText(decoy, "must survive");
        var entry = Directory.GetFiles(Path.Combine(_ns.Files.FullName, "state", "journal"), "*.dsc.json").Should().ContainSingle().Subject;
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(_ns.LinkDirectory, netplan, StringComparison.Ordinal));
        var kernel = _ns.KernelState();

        var rollback = _ns.Run(["rollback", "--format", "json"], env);

        rollback.ExitCode.Should().Be(1, rollback.ToString());
        rollback.Stderr.Should().Contain($"names {decoy}, which is not in the .link directory {_ns.LinkDirectory}");
        File.ReadAllText(decoy).Should().Be("must survive");
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    public void ConfigSet_BaselineWithPersistSystemdLink_IsRefusedNamingTheFeatureAndChangesNothing()
    {
        var document = _ns.WriteFile("persist-baseline.dsc.yaml", File.ReadAllText(_baseline).TrimEnd('\n') + "\n    persist: SystemdLink\n");
        var kernel = _ns.KernelState();

        var set = _ns.Run("config", "set", "--file", document, "--format", "json");

        set.ExitCode.Should().Be(5, set.ToString());
        JObject.Parse(set.Stdout)["messages"]!.First(m => m["level"]!.Value<string>() == "error")["message"]!.Value<string>().Should().Contain("tx-tcp-accecn-segmentation").And.Contain("nothing was changed");
        Directory.GetFiles(_ns.LinkDirectory).Should().BeEmpty();
        _ns.KernelState().Should().Be(kernel);
    }
}
