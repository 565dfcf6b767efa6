using DscOffload.Cli.Tests.Linux;
using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// DscOffload.Linux/OffloadCoexistence on a live host: a private network namespace with one veth pair and no bond,
/// team or IPsec policy, read through rtnetlink and xfrm netlink (needs root; skipped with the reason otherwise).
/// </summary>
[CommandResourceType("DscOffload.Linux/OffloadCoexistence")]
[PrivilegedProtocolHost]
public sealed class LinuxOffloadCoexistenceLiveProtocolTests : CommandResourceProtocolTests, IDisposable
{
    private readonly CliVethNamespace _veth = new();

    protected override bool SetAsserts => true;

    protected override string DriftedInput => """{"bondMaster":true}""";

    protected override string InDesiredStateInput => """{"bondMaster":false,"teamMaster":false,"xfrmPolicy":false}""";

    protected override bool ReadOnlyHost => false;

    protected override ProcessResult RunBinary(IReadOnlyList<string> args, string? stdin, IDictionary<string, string?> env, IReadOnlyList<string>? launcher = null) =>
        _veth.Run(args, env, launcher, stdin: stdin);

    public void Dispose() => _veth.Dispose();
}
