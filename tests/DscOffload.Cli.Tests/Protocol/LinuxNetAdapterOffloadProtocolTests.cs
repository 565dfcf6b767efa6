namespace DscOffload.Cli.Tests.Protocol;

/// <summary>DscOffload.Linux/NetAdapterOffload over the recorded host web-02 (eth0 with offloads on and 4 queues, eth1 with GRO off and 1).</summary>
[CommandResourceType("DscOffload.Linux/NetAdapterOffload")]
public sealed class LinuxNetAdapterOffloadProtocolTests : RecordedHostProtocolTests
{
    protected override string Snapshot => "examples/snapshots/linux/web-02.dsc.json";

    protected override string DriftedInput => """{"name":"eth*","features":{"tso":false,"gro":false},"channels":{"rx":1}}""";

    protected override string InDesiredStateInput => """{"name":"eth1","features":{"rx-gro":false},"channels":{"rx":1}}""";
}
