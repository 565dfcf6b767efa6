namespace DscOffload.Cli.Tests.Protocol;

/// <summary>DscOffload.Windows/GlobalOffload over the recorded host fast-02 (chimney Automatic, RSS enabled).</summary>
[CommandResourceType("DscOffload.Windows/GlobalOffload")]
public sealed class WindowsGlobalOffloadProtocolTests : RecordedHostProtocolTests
{
    protected override string Snapshot => "examples/snapshots/windows/fast-02.dsc.json";

    protected override string DriftedInput => """{"chimney":"Disabled","tcpipParameters":{"enableRSS":false}}""";

    protected override string InDesiredStateInput => """{"chimney":"Automatic","receiveSideScaling":"Enabled"}""";
}
