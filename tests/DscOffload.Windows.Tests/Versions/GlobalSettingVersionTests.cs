using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Registry;
using DscOffload.Windows.Tests.Fakes;
using DscOffload.Windows.Tests.Resources;

namespace DscOffload.Windows.Tests.Versions;

/// <summary>
/// Host-wide settings that stop having an effect at a Windows build: NetDMA (<c>tcpipParameters.enableTCPA</c>) is not
/// supported from Windows 8 / Server 2012 (build 9200; the NetDMA driver pages), <c>enableTCPChimney</c> and
/// <c>enableRSS</c> are Server 2003 Scalable Networking Pack values (KB 912222) that Vista / Server 2008 replaced with
/// netsh (KB 951037), and TCP Chimney (<c>chimney</c>) is gone from build 16299.
/// </summary>
public sealed class GlobalSettingVersionTests
{
    private static WindowsResourceHarness Host(string file, string? osVersion)
    {
        var host = FakeWindowsHost.Load(file);
        if (osVersion is not null)
        {
            host.SetOsVersion(osVersion);
        }

        return new WindowsResourceHarness(host);
    }

    [Fact]
    public void NetDmaOff_AfterItsRemoval_IsSatisfiedEvenWithTheValueSetAndNothingIsWritten()
    {
        var h = Host("x710-server.json", "10.0.17763");
        h.Registry.Set(FakeWindowsHost.TcpipParametersKey, "EnableTCPA", RegistryValueData.DWord(1));

        var test = h.TestGlobal("""{"tcpipParameters":{"enableTCPA":false}}""");
        var set = h.SetGlobal("""{"tcpipParameters":{"enableTCPA":false}}""");

        test.InDesiredState.Should().BeTrue();
        set.ChangedProperties.Should().BeEmpty();
        set.RestartRequired.Should().BeEmpty();
        h.Registry.Writes.Should().BeEmpty();
        h.MessagesAt(MessageLevel.Information).Should().Contain(m =>
            m.Contains("tcpipParameters.enableTCPA") && m.Contains("NetDMA was removed in Windows 8 / Server 2012 (build 9200)") && m.Contains("nothing to turn off"));
    }

    [Theory]
    [InlineData("""{"tcpipParameters":{"enableTCPA":true}}""", "enableTCPA", "NetDMA was removed")]
    [InlineData("""{"tcpipParameters":{"enableRSS":true}}""", "enableRSS", "Scalable Networking Pack")]
    [InlineData("""{"receiveSideScaling":"Disabled","chimney":"Automatic"}""", "chimney", "TCP Chimney Offload was removed")]
    [InlineData("""{"chimney":"Enabled"}""", "chimney", "TCP Chimney Offload was removed")]
    public void DesiredOn_WhereTheSettingHasNoEffect_IsRefusedAsNotSupportedBeforeAnyChange(string desired, string setting, string why)
    {
        var h = Host("x710-server.json", "10.0.17763");

        var test = h.TestGlobal(desired);
        var whatIf = () => h.WhatIfGlobal(desired);
        var set = () => h.SetGlobal(desired);

        test.InDesiredState.Should().BeFalse();
        h.MessagesAt(MessageLevel.Warning).Should().Contain(m => m.Contains(setting) && m.Contains(why));
        whatIf.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
        var error = set.Should().Throw<DscOffloadException>().Which;
        error.Should().NotBeOfType<PartialApplyException>();
        ResourceExitCodes.For(error.Kind).Should().Be(ResourceExitCode.NotSupported);
        error.Message.Should().Contain(setting).And.Contain(why).And.Contain("(build 17763)").And.Contain("nothing was changed");
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void ChimneyDisabled_AfterItsRemoval_IsSatisfiedWithTheReason()
    {
        var h = Host("x710-server.json", "10.0.26100");

        var set = h.SetGlobal("""{"chimney":"Disabled","tcpipParameters":{"enableTCPChimney":null}}""");

        set.ChangedProperties.Should().BeEmpty();
        h.ChangeCount.Should().Be(0);
        h.MessagesAt(MessageLevel.Information).Should().Contain(m => m.StartsWith("GlobalOffload chimney: TCP Chimney Offload was removed", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("tcpipParameters.enableTCPChimney") && m.Contains("desired null is satisfied"));
    }

    [Fact]
    public void NetDmaOn_OnServer2008R2_IsStillWritten()
    {
        var h = Host("server2008r2.json", "6.1.7601");

        var set = h.SetGlobal("""{"tcpipParameters":{"enableTCPA":true}}""");

        set.ChangedProperties.Should().Equal("tcpipParameters");
        h.Registry.Writes.Should().ContainSingle();
    }

    [Fact]
    public void ScalableNetworkingPackValue_OnServer2008R2_IsRefusedBecauseNetshReplacedIt()
    {
        var h = Host("server2008r2.json", "6.1.7601");

        var act = () => h.SetGlobal("""{"tcpipParameters":{"enableTCPChimney":true}}""");

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("Windows Server 2003 Scalable Networking Pack");
        h.Registry.Writes.Should().BeEmpty();
    }

    [Fact]
    public void ChimneyOn_BeforeTheRemoval_IsWrittenAsBefore()
    {
        var h = Host("x710-server.json", "10.0.14393");

        var set = h.SetGlobal("""{"chimney":"Automatic"}""");

        set.ChangedProperties.Should().Equal("chimney");
        h.Cim.Modifications.Should().ContainSingle();
    }

    [Fact]
    public void Export_AfterTheRemovals_LeavesOutTheSettingsWithoutEffect()
    {
        var h = Host("x710-server.json", "10.0.17763");

        var exported = h.Global.Export([], new OperationContext(_ => { }, "X710")).Single();

        exported["chimney"].Should().BeNull();
        ((string?)exported["receiveSideScaling"]).Should().Be("Enabled", "the recording has ReceiveSideScaling 1, a setting that still has an effect");
        var tcpip = exported["tcpipParameters"]!;
        tcpip["enableTCPA"].Should().BeNull();
        tcpip["enableTCPChimney"].Should().BeNull();
        tcpip["enableRSS"].Should().BeNull();
        ((Newtonsoft.Json.Linq.JObject)tcpip).ContainsKey("disableTaskOffload").Should().BeTrue();
    }

    [Fact]
    public void UnknownBuild_WritesAsBeforeAndSaysTheBuildIsUnknown()
    {
        var h = Host("x710-server.json", null);

        var set = h.SetGlobal("""{"tcpipParameters":{"enableTCPA":true}}""");

        set.ChangedProperties.Should().Equal("tcpipParameters");
        h.MessagesAt(MessageLevel.Information).Should().ContainSingle(m => m.Contains("is unknown"))
            .Which.Should().Contain("tcpipParameters.enableTCPA").And.Contain("NetDMA was removed");
    }
}
