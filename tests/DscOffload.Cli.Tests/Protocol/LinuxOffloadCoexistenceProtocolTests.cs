namespace DscOffload.Cli.Tests.Protocol;

/// <summary>DscOffload.Linux/OffloadCoexistence over the recorded host web-01 (no IPsec, no bond or team).</summary>
[CommandResourceType("DscOffload.Linux/OffloadCoexistence")]
public sealed class LinuxOffloadCoexistenceProtocolTests : RecordedHostProtocolTests
{
    protected override string Snapshot => "examples/snapshots/linux/web-01.dsc.json";

    protected override bool SetAsserts => true;

    protected override string DriftedInput => """{"bondMaster":true}""";

    protected override string InDesiredStateInput => """{"xfrmPolicy":false,"bondMaster":false}""";
}
