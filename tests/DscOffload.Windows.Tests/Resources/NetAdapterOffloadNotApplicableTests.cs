using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// Features an adapter does not have (no CIM instance, a NULL property, no NDIS keyword): desired off is
/// satisfied with an info message, desired on is not in desired state, and set refuses before any write.
/// The Realtek-style client has no RSC or IPsec instance, reports no LSOv1 and defines no connection
/// offload keyword.
/// </summary>
public sealed class NetAdapterOffloadNotApplicableTests
{
    /// <summary>property, "off" JSON value, "on" JSON value.</summary>
    public static TheoryData<string, string, string> AbsentOnRealtek() => new()
    {
        { "lsoV1IPv4", "false", "true" },
        { "rscIPv4", "false", "true" },
        { "rscIPv6", "false", "true" },
        { "ipsecOffload", "false", "true" },
        { "tcpConnectionOffloadIPv4", "false", "true" },
        { "tcpConnectionOffloadIPv6", "false", "true" },
        { "advancedProperties", """{"*UsoIPv4":"0"}""", """{"*UsoIPv4":"1"}""" },
    };

    [Theory]
    [MemberData(nameof(AbsentOnRealtek))]
    public void DesiredOff_OnAdapterWithoutTheFeature_IsSatisfiedWithAnInfoMessage(string property, string off, string on)
    {
        var h = new WindowsResourceHarness("realtek-client.json");
        var desired = Desired(property, off);

        var test = h.Test(desired);
        var set = h.Set(desired);

        test.InDesiredState.Should().BeTrue();
        test.DifferingProperties.Should().BeEmpty();
        var entry = WindowsResourceHarness.Entry(test.ActualState, "Ethernet");
        entry["notSupported"]!.Values<string>().Should().ContainSingle().Which.Should().StartWith(property);
        h.MessagesAt(MessageLevel.Information).Should().Contain(m => m.Contains("does not support") && m.Contains(property) && m.Contains("desired off is satisfied"));
        set.ChangedProperties.Should().BeEmpty();
        h.ChangeCount.Should().Be(0);
        _ = on;
    }

    [Theory]
    [MemberData(nameof(AbsentOnRealtek))]
    public void DesiredOn_OnAdapterWithoutTheFeature_IsNotInDesiredStateAndSetRefusesBeforeAnyWrite(string property, string off, string on)
    {
        var h = new WindowsResourceHarness("realtek-client.json");
        // lsoIPv4 is changeable and differs, so a set that wrote before checking would touch the fake.
        var desired = new JObject { ["name"] = "Ethernet", ["lsoIPv4"] = false, [property] = JToken.Parse(on) }.ToString();

        var test = h.Test(desired);
        var act = () => h.Set(desired);

        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().BeEquivalentTo("lsoIPv4", property);
        h.MessagesAt(MessageLevel.Warning).Should().Contain(m => m.Contains("does not support") && m.Contains(property));
        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Should().NotBeOfType<PartialApplyException>();
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain("'Ethernet'").And.Contain(property).And.Contain("nothing was changed");
        ResourceExitCodes.For(error.Kind).Should().Be(ResourceExitCode.NotSupported);
        h.Cim.Modifications.Should().BeEmpty();
        h.Cim.Invocations.Should().BeEmpty();
        h.Registry.Writes.Should().BeEmpty();
        _ = off;
    }

    [Fact]
    public void WhatIf_WithAFeatureTheAdapterLacks_AlsoRefuses()
    {
        var h = new WindowsResourceHarness("realtek-client.json");

        var act = () => h.WhatIf("""{"name":"Ethernet","rscIPv4":true}""");

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void Wildcard_OneAdapterLacksTheFeature_TheOtherIsStillChangedWhenDesiredOff()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Set("""{"name":"*","includeHidden":true,"rss":false}""");

        outcome.ChangedProperties.Should().Equal("rss");
        WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet (Kernel Debugger)")["notSupported"]!.Values<string>().Should().Equal("rss");
        h.Restarts("Ethernet 2").Should().Be(1);
        h.Restarts("Ethernet (Kernel Debugger)").Should().Be(0);
    }

    [Fact]
    public void Get_FeatureTheAdapterLacks_IsAbsentFromTheOutput()
    {
        var h = new WindowsResourceHarness("realtek-client.json");

        var state = h.Get("""{"name":"Ethernet"}""").ActualState;

        state["rscIPv4"].Should().BeNull();
        state["lsoV1IPv4"].Should().BeNull();
        state["ipsecOffload"].Should().BeNull();
        state["lsoIPv4"]!.Value<bool>().Should().BeTrue();
    }

    private static string Desired(string property, string value) =>
        new JObject { ["name"] = "Ethernet", [property] = JToken.Parse(value) }.ToString();
}
