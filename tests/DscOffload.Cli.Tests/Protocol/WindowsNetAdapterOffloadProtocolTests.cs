namespace DscOffload.Cli.Tests.Protocol;

/// <summary>DscOffload.Windows/NetAdapterOffload over the recorded host fast-02 (its adapter Ethernet has LSO and RSS on, Ethernet 2 has them off).</summary>
[CommandResourceType("DscOffload.Windows/NetAdapterOffload")]
public sealed class WindowsNetAdapterOffloadProtocolTests : RecordedHostProtocolTests
{
    protected override string Snapshot => "examples/snapshots/windows/fast-02.dsc.json";

    protected override string DriftedInput => """{"name":"Ethernet*","lsoIPv4":false,"checksumTcpIPv4":"Disabled"}""";

    protected override string InDesiredStateInput => """{"name":"Ethernet","lsoIPv4":true,"rss":true}""";
}
