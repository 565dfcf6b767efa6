using DscOffload.Cli.Tests.Process;
using DscOffload.Tests.Privileged;

namespace DscOffload.Cli.Tests.Linux;

/// <summary>
/// A private network namespace <c>dscoffload-cli-&lt;random&gt;</c> for one test, with a veth pair
/// <c>eth0</c>/<c>peer0</c> of 4 receive and 4 transmit queues (so <c>eth0</c> matches the Linux
/// baseline's default pattern <c>eth*</c> and has channels to reduce), and a temporary directory for the
/// run's files. The dscoffload binary runs inside it with <c>ip netns exec</c>, with
/// <c>DSCOFFLOAD_SYSTEMD_NETWORK_DIR</c> pointing into that directory, so no test touches an interface or a
/// <c>.link</c> file outside what it created. Dispose deletes the namespace with everything in it.
/// </summary>
public sealed class CliVethNamespace : IDisposable
{
    /// <summary>The interface the tests manage.</summary>
    public const string Interface = "eth0";

    /// <summary>The queue count of each direction of <see cref="Interface"/>.</summary>
    public const int Queues = 4;

    private readonly TestNetworkNamespace _namespace;

    /// <summary>Creates the namespace and the pair (only when privileged tests run).</summary>
    public CliVethNamespace()
    {
        Files = Directory.CreateTempSubdirectory("dscoffload-cli-");
        LinkDirectory = Files.CreateSubdirectory("network").FullName;
        _namespace = TestNetworkNamespace.Create("dscoffload-cli-", PrivilegedTestEnvironment.ShouldRun);
        if (_namespace.IsCreated)
        {
            AddVethPair(Interface, "peer0", Queues);
        }
    }

    /// <summary>The namespace name.</summary>
    public string Name => _namespace.Name;

    /// <summary>A temporary directory for documents, snapshots and outputs of this test.</summary>
    public DirectoryInfo Files { get; }

    /// <summary>Where the binary reads and writes systemd <c>.link</c> files in this namespace's runs.</summary>
    public string LinkDirectory { get; }

    /// <summary>Adds a veth pair inside the namespace.</summary>
    public void AddVethPair(string name, string peer, int queues = 1) => _namespace.AddVethPair(name, peer, checked((uint)queues));

    /// <summary>Runs <c>ip -n &lt;namespace&gt; …</c>.</summary>
    public string Ip(params string[] arguments) => _namespace.Ip(arguments);

    /// <summary>Runs the <c>ethtool</c> program inside the namespace and returns its output.</summary>
    public string Ethtool(params string[] arguments) => _namespace.Exec("ethtool", arguments);

    /// <summary>Both <c>ethtool -k</c> and <c>ethtool -l</c> of an interface, to show that nothing changed.</summary>
    public string KernelState(string interfaceName = Interface) =>
        Ethtool("-k", interfaceName) + Ethtool("-l", interfaceName);

    /// <summary>Runs dscoffload inside the namespace (with <paramref name="stdin"/> written to its standard input).</summary>
    public ProcessResult Run(IEnumerable<string> args, IDictionary<string, string?>? env = null, IReadOnlyList<string>? launcher = null, string? binary = null, string? stdin = null)
    {
        var environment = new Dictionary<string, string?>(env ?? new Dictionary<string, string?>())
        {
            ["DSCOFFLOAD_SYSTEMD_NETWORK_DIR"] = LinkDirectory,
            ["DSCOFFLOAD_RESOURCE_STATE"] = null,
            // Live sets journal and lock in the state directory: keep them in this test's files, never the host's.
            ["DSCOFFLOAD_STATE_DIR"] = Path.Combine(Files.FullName, "state"),
        };
        return DscOffloadProcess.Run(args, stdin, environment, netns: Name, launcher: launcher, binary: binary);
    }

    /// <summary>Runs dscoffload inside the namespace with arguments given inline.</summary>
    public ProcessResult Run(params string[] args) => Run((IEnumerable<string>)args);

    /// <summary>Writes a file into <see cref="Files"/> and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Files.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _namespace.Dispose();
        }
        finally
        {
            Files.Delete(recursive: true);
        }
    }
}
