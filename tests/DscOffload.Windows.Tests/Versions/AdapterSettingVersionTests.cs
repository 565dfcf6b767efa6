using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Tests.Fakes;
using DscOffload.Windows.Tests.Resources;

namespace DscOffload.Windows.Tests.Versions;

/// <summary>
/// Per-adapter TCP Chimney (<c>tcpConnectionOffloadIPv4/6</c>) was removed in Windows 10 / Windows Server version 1709
/// (build 16299; KB 4014193 deprecated it, "Features removed in Windows 10, version 1709" lists the TCP Offload Engine).
/// The X710-style adapter still has the keywords (IPv4 on), as drivers keep them: after the removal desired off is
/// satisfied with the reason and nothing is written; desired on is refused as not supported before any write.
/// </summary>
public sealed class AdapterSettingVersionTests
{
    private static WindowsResourceHarness Host(string? osVersion)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        if (osVersion is not null)
        {
            host.SetOsVersion(osVersion);
        }

        return new WindowsResourceHarness(host);
    }

    [Theory]
    [InlineData("""{"name":"Ethernet 2","tcpConnectionOffloadIPv4":false}""")]
    [InlineData("""{"name":"Ethernet 2","advancedProperties":{"*TCPConnectionOffloadIPv4":"0"}}""")]
    public void DesiredOff_AfterTheRemoval_IsSatisfiedWithTheReasonAndWritesNothing(string desired)
    {
        var h = Host("10.0.17763");

        var test = h.Test(desired);
        var set = h.Set(desired);

        test.InDesiredState.Should().BeTrue();
        set.ChangedProperties.Should().BeEmpty();
        h.ChangeCount.Should().Be(0);
        h.Restarts("Ethernet 2").Should().Be(0);
        h.MessagesAt(MessageLevel.Information).Should().Contain(m =>
            m.Contains("'Ethernet 2'") && m.Contains("TCP Chimney Offload was removed in Windows 10") && m.Contains("(build 16299)")
            && m.Contains("nothing to turn off"));
    }

    [Theory]
    [InlineData("""{"name":"Ethernet 2","lsoIPv4":false,"tcpConnectionOffloadIPv6":true}""", "tcpConnectionOffloadIPv6")]
    [InlineData("""{"name":"Ethernet 2","lsoIPv4":false,"advancedProperties":{"*TCPConnectionOffloadIPv4":"1"}}""", "advancedProperties.*TCPConnectionOffloadIPv4")]
    public void DesiredOn_AfterTheRemoval_IsRefusedAsNotSupportedBeforeAnyWrite(string desired, string setting)
    {
        var h = Host("10.0.20348");

        var test = h.Test(desired);
        var whatIf = () => h.WhatIf(desired);
        var set = () => h.Set(desired);

        test.InDesiredState.Should().BeFalse();
        h.MessagesAt(MessageLevel.Warning).Should().Contain(m => m.Contains(setting) && m.Contains("was removed"));
        whatIf.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
        var error = set.Should().Throw<DscOffloadException>().Which;
        error.Should().NotBeOfType<PartialApplyException>();
        error.Kind.Should().Be(ErrorKind.NotSupported);
        ResourceExitCodes.For(error.Kind).Should().Be(ResourceExitCode.NotSupported);
        error.Message.Should().Contain(setting).And.Contain("removed in Windows 10").And.Contain("nothing was changed");
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void Get_AfterTheRemoval_DoesNotReportTheSettingsWithoutEffect()
    {
        var h = Host("10.0.17763");

        var state = h.Get("""{"name":"Ethernet 2"}""").ActualState;

        state["tcpConnectionOffloadIPv4"].Should().BeNull();
        state["advancedProperties"]?["*TCPConnectionOffloadIPv4"].Should().BeNull();
        var before = Host(null).Get("""{"name":"Ethernet 2"}""").ActualState;
        state["lsoIPv4"]!.Type.Should().Be(Newtonsoft.Json.Linq.JTokenType.Boolean, "settings with an effect are still reported");
        state["lsoIPv4"].Should().BeEquivalentTo(before["lsoIPv4"]);
        before["tcpConnectionOffloadIPv4"].Should().NotBeNull("the host without a known build reports it, so its absence above is the rule's doing");
    }

    [Theory]
    [InlineData("10.0.14393")]
    [InlineData(null)]
    public void DesiredOn_BeforeTheRemovalOrOnAnUnknownBuild_IsWrittenAsBefore(string? osVersion)
    {
        var h = Host(osVersion);

        var set = h.Set("""{"name":"Ethernet 2","tcpConnectionOffloadIPv6":true}""");

        set.ChangedProperties.Should().Equal("tcpConnectionOffloadIPv6");
        h.Restarts("Ethernet 2").Should().Be(1);
        h.MessagesAt(MessageLevel.Information).Should().NotContain(m => m.Contains("nothing to turn off"));
    }

    [Fact]
    public void UnknownBuild_SaysThatTheSettingIsComparedAsRead()
    {
        var h = Host(null);

        h.Test("""{"name":"Ethernet 2","tcpConnectionOffloadIPv4":true}""");

        h.MessagesAt(MessageLevel.Information).Should().ContainSingle(m => m.Contains("build of") && m.Contains("is unknown"))
            .Which.Should().Contain("tcpConnectionOffloadIPv4").And.Contain("build 16299");
    }

    [Fact]
    public void KnownBuild_SaysNothingAboutAnUnknownBuild()
    {
        var h = Host("10.0.14393");

        h.Test("""{"name":"Ethernet 2","tcpConnectionOffloadIPv4":true}""");

        h.Messages.Should().NotContain(m => m.Text.Contains("is unknown"));
    }
}
