using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Privileged;

/// <summary>
/// A private network namespace per test class with a veth pair <c>v0</c>/<c>v1</c> and a 4-queue veth
/// pair <c>m0</c>/<c>m1</c>, deleted (with everything in it) on dispose. Tests never touch interfaces
/// outside it. Does nothing when privileged tests do not run.
/// </summary>
public sealed class VethNamespaceFixture : IDisposable
{
    private readonly TestNetworkNamespace _namespace;
    private int _pairCount;

    public VethNamespaceFixture()
    {
        _namespace = TestNetworkNamespace.Create("dscoffload-t-", PrivilegedTestEnvironment.ShouldRun);
        if (IsCreated)
        {
            _namespace.AddVethPair("v0", "v1", queues: 0);
            _namespace.AddVethPair("m0", "m1", queues: 4);
        }
    }

    public string Name => _namespace.Name;

    public bool IsCreated => _namespace.IsCreated;

    /// <summary>Runs <c>ip -n &lt;namespace&gt; …</c>.</summary>
    public string Ip(params string[] arguments) => _namespace.Ip(arguments);

    /// <summary>Runs a program inside the namespace (<c>ip netns exec</c>).</summary>
    public string Exec(string program, params string[] arguments) => _namespace.Exec(program, arguments);

    /// <summary>Adds a fresh veth pair and returns the name of its first end, so a test starts from kernel defaults.</summary>
    public string AddVethPair(uint queues)
    {
        var number = Interlocked.Increment(ref _pairCount);
        _namespace.AddVethPair($"t{number}a", $"t{number}b", queues);
        return $"t{number}a";
    }

    public void Dispose() => _namespace.Dispose();
}
