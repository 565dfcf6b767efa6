using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Linux;

/// <summary>
/// <c>persist: Netplan</c> by the native binary on a veth in a private network namespace, with netplan's files below a
/// temporary root (<c>DSCOFFLOAD_NETWORK_CONFIG_ROOT</c>): the set writes our netplan file, runs the real
/// <c>netplan generate --root-dir</c>, and a rollback puts everything back.
/// </summary>
public sealed class LiveNetplanTests : IDisposable
{
    private const string Site = """
        network:
          version: 2
          ethernets:
            uplink:
              match:
                name: eth0
              mtu: 1400
        """;

    private readonly CliVethNamespace _ns = new();
    private readonly string _root;
    private readonly Dictionary<string, string?> _env;

    public LiveNetplanTests()
    {
        _root = _ns.Files.CreateSubdirectory("root").FullName;
        _env = new() { ["DSCOFFLOAD_NETWORK_CONFIG_ROOT"] = _root };
        Directory.CreateDirectory(Path.Combine(_root, "etc/netplan"));
        File.WriteAllText(Path.Combine(_root, "etc/netplan/50-site.yaml"), Site);
    }

    public void Dispose() => _ns.Dispose();

    private string Ours => Path.Combine(_root, "etc/netplan/90-dscoffload-eth0.yaml");

    private string Document() => _ns.WriteFile("netplan.dsc.yaml", """
        $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
        resources:
        - name: checksums off, kept by netplan
          type: DscOffload.Linux/NetAdapterOffload
          properties:
            name: eth0
            features: {tx: false}
            persist: Netplan
        """);

    [PrivilegedFact("netplan")]
    public void ConfigSet_PersistNetplan_WritesOurFile_RendersIt_AndRollbackPutsEverythingBack()
    {
        var kernel = _ns.KernelState();
        var document = Document();

        var set = _ns.Run(["config", "set", "--file", document, "--format", "json"], _env);

        set.ExitCode.Should().Be(0, set.ToString());
        _ns.Ethtool("-k", "eth0").Should().Contain("tx-checksumming: off");
        File.ReadAllText(Ours).Should().Contain("    uplink:\n      transmit-checksum-offload: false\n");
        if (OperatingSystem.IsLinux())
        {
            File.GetUnixFileMode(Ours).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.ReadAllText(Path.Combine(_root, "run/systemd/network/10-netplan-uplink.link"))
            .Should().Contain("TransmitChecksumOffload=false").And.Contain("MTUBytes=1400");
        var test = _ns.Run(["config", "test", "--file", document, "--format", "json"], _env);
        test.ExitCode.Should().Be(0, test.ToString());
        JObject.Parse(test.Stdout)["results"]![0]!["result"]!["inDesiredState"]!.Value<bool>().Should().BeTrue(test.ToString());

        var rollback = _ns.Run(["rollback", "--format", "json"], _env);

        rollback.ExitCode.Should().Be(0, rollback.ToString());
        rollback.Stderr.Should().Contain($"deleted {Ours}").And.Contain("netplan generate rendered");
        File.Exists(Ours).Should().BeFalse();
        File.ReadAllText(Path.Combine(_root, "run/systemd/network/10-netplan-uplink.link"))
            .Should().Contain("MTUBytes=1400").And.NotContain("TransmitChecksumOffload", "the rollback renders the restored files again");
        _ns.KernelState().Should().Be(kernel);
    }
}
