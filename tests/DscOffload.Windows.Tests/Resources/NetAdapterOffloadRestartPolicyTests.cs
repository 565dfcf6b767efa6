using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// The <c>restart</c> policy (Allowed: one restart per changed adapter after all of its changes; Never: no
/// restart, the pending restart reported) and idempotence (a second set changes nothing).
/// </summary>
public sealed class NetAdapterOffloadRestartPolicyTests
{
    // Ethernet 2 differs in LSO, checksum, RSS and an advanced property (four modifies); Ethernet 3 already matches.
    private const string ManyChanges = """
        {"name":"Ethernet*","lsoIPv4":false,"lsoIPv6":false,"checksumTcpIPv4":"TxEnabled","rss":false,
         "advancedProperties":{"*JumboPacket":"9014"}RESTART}
        """;

    [Theory]
    [InlineData("")]
    [InlineData(""","restart":"Allowed" """)]
    public void Allowed_SeveralChangesOnOneAdapter_RestartOnlyThatAdapterOnce(string restart)
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Set(ManyChanges.Replace("RESTART", restart));

        outcome.ChangedProperties.Should().Equal("lsoIPv4", "lsoIPv6", "checksumTcpIPv4", "rss", "advancedProperties");
        h.Cim.Modifications.Should().HaveCount(4);
        h.Restarts("Ethernet 2").Should().Be(1);
        h.Restarts("Ethernet 3").Should().Be(0, "it was already in desired state");
        h.Cim.Invocations.Should().ContainSingle().Which.Method.Should().Be("Restart");
        h.Cim.Modifications.Should().OnlyContain(m => m.Options.ContainsKey("NoRestart"), "no write may restart the adapter by itself");
        WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet 2")["restartPending"].Should().BeNull();
        h.MessagesAt(MessageLevel.Information).Should().Contain(m => m.Contains("'Ethernet 2': changed") && m.Contains("(adapter restarted)"));
    }

    [Fact]
    public void Allowed_TwoChangedAdapters_EachRestartsOnce()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        h.Set("""{"name":"Ethernet*","checksumTcpIPv4":"Disabled","checksumUdpIPv4":"Disabled"}""");

        h.Restarts("Ethernet 2").Should().Be(1);
        h.Restarts("Ethernet 3").Should().Be(1);
        h.Cim.Invocations.Should().HaveCount(2);
    }

    [Fact]
    public void Never_WritesWithoutRestartingAndReportsThePendingRestart()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Set(ManyChanges.Replace("RESTART", ""","restart":"Never" """));

        outcome.ChangedProperties.Should().Equal("lsoIPv4", "lsoIPv6", "checksumTcpIPv4", "rss", "advancedProperties");
        h.Cim.Modifications.Should().HaveCount(4);
        h.Restarts("Ethernet 2").Should().Be(0);
        h.Cim.Invocations.Should().BeEmpty();
        var changed = WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet 2");
        changed["restartPending"]!.Value<bool>().Should().BeTrue();
        changed["inDesiredState"]!.Value<bool>().Should().BeTrue("the written values read back");
        WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet 3")["restartPending"].Should().BeNull("nothing was written to it");
        h.MessagesAt(MessageLevel.Warning).Should().ContainSingle().Which.Should().Contain("'Ethernet 2'").And.Contain("restart is Never");
        outcome.AfterState["restart"].Should().BeNull("restart is a policy, not state");
    }

    [Fact]
    public void Never_OnHostWithoutCimClasses_DoesNotDisableOrEnableTheAdapter()
    {
        var h = new WindowsResourceHarness("server2008r2.json");

        var outcome = h.Set("""{"name":"Local Area Connection","rss":false,"restart":"Never"}""");

        outcome.ChangedProperties.Should().Equal("rss");
        h.Cim.Invocations.Should().BeEmpty();
        WindowsResourceHarness.Entry(outcome.AfterState, "Local Area Connection")["restartPending"]!.Value<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData(""","restart":"Allowed" """)]
    [InlineData(""","restart":"Never" """)]
    public void SecondSet_ChangesNothingWritesNothingAndRestartsNothing(string restart)
    {
        var h = new WindowsResourceHarness("x710-server.json");
        var desired = ManyChanges.Replace("RESTART", restart);
        h.Set(desired);
        var modifications = h.Cim.Modifications.Count;
        var invocations = h.Cim.Invocations.Count;
        h.Messages.Clear();

        var second = h.Set(desired);

        second.ChangedProperties.Should().BeEmpty();
        second.ChangedNothing.Should().BeTrue();
        JToken.DeepEquals(second.BeforeState, second.AfterState).Should().BeTrue();
        h.Cim.Modifications.Should().HaveCount(modifications);
        h.Cim.Invocations.Should().HaveCount(invocations);
        h.MessagesAt(MessageLevel.Information).Should().Contain(m => m.Contains("already in desired state"));
    }

    [Fact]
    public void WhatIf_PredictsEveryChangeAndTouchesNothing()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.WhatIf(ManyChanges.Replace("RESTART", ""));

        outcome.ChangedProperties.Should().Equal("lsoIPv4", "lsoIPv6", "checksumTcpIPv4", "rss", "advancedProperties");
        var predicted = WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet 2");
        predicted["lsoIPv4"]!.Value<bool>().Should().BeFalse();
        predicted["checksumTcpIPv4"]!.Value<string>().Should().Be("TxEnabled");
        predicted["advancedProperties"]!["*JumboPacket"]!.Value<string>().Should().Be("9014");
        predicted["inDesiredState"]!.Value<bool>().Should().BeTrue();
        outcome.AfterState["_metadata"]!["whatIf"]!.Values<string>().Should().HaveCount(5).And.OnlyContain(l => l!.StartsWith("'Ethernet 2'"));
        h.ChangeCount.Should().Be(0);
        h.Test(ManyChanges.Replace("RESTART", "")).InDesiredState.Should().BeFalse();
    }
}
