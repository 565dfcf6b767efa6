using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Privileged;

/// <summary>
/// A private network namespace per test class with a veth pair <c>v0</c>/<c>v1</c> and a 4-queue veth
/// pair <c>m0</c>/<c>m1</c>, deleted (with everything in it) on dispose. Tests never touch interfaces
/// outside it. Does nothing when privileged tests do not run.
/// </summary>
public sealed class VethNamespaceFixture : IDisposable
{
    private int _pairCount;

    public VethNamespaceFixture()
    {
        Name = "dscoffload-t-" + Guid.NewGuid().ToString("N")[..8];
        if (!PrivilegedTestEnvironment.ShouldRun)
        {
            return;
        }

        ExternalProgram.Run("ip", "netns", "add", Name);
        IsCreated = true;
        Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Ip("link", "add", "m0", "numtxqueues", "4", "numrxqueues", "4", "type", "veth", "peer", "name", "m1", "numtxqueues", "4", "numrxqueues", "4");
    }

    public string Name { get; }

    public bool IsCreated { get; }

    /// <summary>Runs <c>ip -n &lt;namespace&gt; …</c>.</summary>
    public string Ip(params string[] arguments) => ExternalProgram.Run("ip", ["-n", Name, .. arguments]);

    /// <summary>Runs a program inside the namespace (<c>ip netns exec</c>).</summary>
    public string Exec(string program, params string[] arguments) =>
        ExternalProgram.Run("ip", ["netns", "exec", Name, ExternalProgram.Find(program) ?? program, .. arguments]);

    /// <summary>Adds a fresh veth pair and returns the name of its first end, so a test starts from kernel defaults.</summary>
    public string AddVethPair(uint queues)
    {
        var number = Interlocked.Increment(ref _pairCount);
        string[] queueArguments = queues == 0 ? [] : ["numtxqueues", $"{queues}", "numrxqueues", $"{queues}"];
        Ip(["link", "add", $"t{number}a", .. queueArguments, "type", "veth", "peer", "name", $"t{number}b", .. queueArguments]);
        return $"t{number}a";
    }

    public void Dispose()
    {
        if (IsCreated)
        {
            ExternalProgram.Run("ip", "netns", "del", Name);
        }
    }
}
