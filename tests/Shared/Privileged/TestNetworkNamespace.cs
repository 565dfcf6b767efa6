namespace DscOffload.Tests.Privileged;

/// <summary>
/// A private network namespace with a random name, created only when asked (privileged tests run) and deleted
/// with everything in it on dispose. The veth fixtures of the test projects build on it, so that creating,
/// entering and removing a namespace is written once.
/// </summary>
public sealed class TestNetworkNamespace : IDisposable
{
    private TestNetworkNamespace(string name, bool isCreated)
    {
        Name = name;
        IsCreated = isCreated;
    }

    /// <summary>The namespace name.</summary>
    public string Name { get; }

    /// <summary>True when the namespace exists (privileged tests run); otherwise every fixture does nothing.</summary>
    public bool IsCreated { get; }

    /// <summary>Names a namespace <paramref name="prefix"/> plus 8 random hex digits and creates it when <paramref name="create"/>.</summary>
    public static TestNetworkNamespace Create(string prefix, bool create)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..8];
        if (create)
        {
            ExternalProgram.Run("ip", "netns", "add", name);
        }

        return new TestNetworkNamespace(name, create);
    }

    /// <summary>Runs <c>ip -n &lt;namespace&gt; …</c>.</summary>
    public string Ip(params string[] arguments) => ExternalProgram.Run("ip", ["-n", Name, .. arguments]);

    /// <summary>Runs a program inside the namespace (<c>ip netns exec</c>) and returns its output.</summary>
    public string Exec(string program, params string[] arguments) =>
        ExternalProgram.Run("ip", ["netns", "exec", Name, ExternalProgram.Find(program) ?? program, .. arguments]);

    /// <summary>Adds the veth pair <paramref name="name"/>/<paramref name="peer"/>; 0 <paramref name="queues"/> leaves the kernel's default count.</summary>
    public void AddVethPair(string name, string peer, uint queues)
    {
        string[] queueArguments = queues == 0 ? [] : ["numtxqueues", $"{queues}", "numrxqueues", $"{queues}"];
        Ip(["link", "add", name, .. queueArguments, "type", "veth", "peer", "name", peer, .. queueArguments]);
    }

    /// <summary>Deletes the namespace, and with it every interface in it.</summary>
    public void Dispose()
    {
        if (IsCreated)
        {
            ExternalProgram.Run("ip", "netns", "del", Name);
        }
    }
}
