using DscOffload.Cli.Tests.Linux;
using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// DscOffload.Linux/NetAdapterOffload on a live host: a veth pair (eth0, 4 queues each way) in a private network
/// namespace, so a real set changes the kernel (needs root; skipped with the reason otherwise).
/// </summary>
[CommandResourceType("DscOffload.Linux/NetAdapterOffload")]
[PrivilegedProtocolHost]
public sealed class LinuxNetAdapterOffloadLiveProtocolTests : CommandResourceProtocolTests, IDisposable
{
    private readonly CliVethNamespace _veth = new();

    protected override string DriftedInput => """{"name":"eth0","features":{"tso":false},"channels":{"rx":2}}""";

    protected override string InDesiredStateInput => """{"name":"eth0","channels":{"rx":4,"tx":4}}""";

    protected override bool ReadOnlyHost => false;

    protected override ProcessResult RunBinary(IReadOnlyList<string> args, string? stdin, IDictionary<string, string?> env, IReadOnlyList<string>? launcher = null) =>
        _veth.Run(args, env, launcher, stdin: stdin);

    public void Dispose() => _veth.Dispose();
}
