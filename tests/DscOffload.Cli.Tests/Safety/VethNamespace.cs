using DscOffload.Tests.Privileged;

namespace DscOffload.Cli.Tests.Safety;

/// <summary>
/// A private network namespace with a veth pair <c>v0</c>/<c>v1</c> (2 queues) and a 4-queue pair <c>m0</c>/<c>m1</c>,
/// deleted on dispose; the process-level safety tests change offloads only in here, and cross-check them with
/// <c>ethtool</c>. Does nothing when privileged tests do not run (<see cref="PrivilegedTestEnvironment"/>).
/// </summary>
public sealed class VethNamespace : IDisposable
{
    private readonly TestNetworkNamespace _namespace;
    private string? _initial;

    public VethNamespace()
    {
        _namespace = TestNetworkNamespace.Create("dscoffload-s-",
            PrivilegedTestEnvironment.ShouldRun && (ExternalProgram.Find("ethtool") is not null || PrivilegedTestEnvironment.IsRequired));
        if (IsCreated)
        {
            _namespace.AddVethPair("v0", "v1", queues: 2);
            _namespace.AddVethPair("m0", "m1", queues: 4);
        }
    }

    public string Name => _namespace.Name;

    /// <summary>The state right after creation (kernel defaults), read once.</summary>
    public string InitialState => _initial ??= State();

    public bool IsCreated => _namespace.IsCreated;

    /// <summary>Runs the <c>ethtool</c> program inside the namespace.</summary>
    public string Ethtool(params string[] arguments) => _namespace.Exec("ethtool", arguments);

    /// <summary><c>ethtool -k</c> of <paramref name="device"/>: every feature with its state, [fixed] and [requested] marks.</summary>
    public string Features(string device) => Ethtool("-k", device);

    /// <summary><c>ethtool -l</c> of <paramref name="device"/>.</summary>
    public string Channels(string device) => Ethtool("-l", device);

    /// <summary>Features and channels of every veth end, for before/after comparisons.</summary>
    public string State() => string.Join("\n", ((string[])["v0", "v1", "m0", "m1"]).Select(d => $"== {d}\n{Features(d)}{Channels(d)}"));

    public void Dispose() => _namespace.Dispose();
}
