namespace DscOffload.Cli.Tests.Protocol;

/// <summary>DscOffload.Windows/OffloadCoexistence over the recorded host fast-02 (an IPsec policy, no Hyper-V).</summary>
[CommandResourceType("DscOffload.Windows/OffloadCoexistence")]
public sealed class WindowsOffloadCoexistenceProtocolTests : RecordedHostProtocolTests
{
    protected override string Snapshot => "examples/snapshots/windows/fast-02.dsc.json";

    protected override bool SetAsserts => true;

    protected override string DriftedInput => """{"ipsecPolicy":false}""";

    protected override string InDesiredStateInput => """{"ipsecPolicy":true,"hyperV":false}""";
}
