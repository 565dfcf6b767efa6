using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// Which adapters a <c>DscOffload.Windows/NetAdapterOffload</c> instance means (wildcards, description,
/// exclusions, hidden adapters), zero matches, and how several matched adapters aggregate.
/// </summary>
public sealed class NetAdapterOffloadSelectionTests
{
    private const string Debugger = "Ethernet (Kernel Debugger)";

    [Fact]
    public void Test_WildcardOverTwoAdapters_ReportsTheFirstDifferingValueAndPerAdapterDetail()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Test("""{"name":"ethernet*","rss":false,"ipsecOffload":false}""");

        outcome.InDesiredState.Should().BeFalse();
        outcome.DifferingProperties.Should().Equal("rss");
        outcome.ActualState["rss"]!.Value<bool>().Should().BeTrue("Ethernet 2 is the first adapter by name that differs");
        outcome.ActualState["ipsecOffload"]!.Value<bool>().Should().BeFalse("both adapters share it");
        var adapters = outcome.ActualState["adapters"]!.Cast<JObject>().ToList();
        adapters.Select(a => a.Value<string>("name")).Should().Equal("Ethernet 2", "Ethernet 3");
        var first = adapters[0];
        first["inDesiredState"]!.Value<bool>().Should().BeFalse();
        first["differingProperties"]!.Values<string>().Should().Equal("rss");
        first["rss"]!.Value<bool>().Should().BeTrue();
        first["interfaceGuid"]!.Value<string>().Should().Be(h.Host.Adapter("Ethernet 2").InterfaceGuid);
        var second = adapters[1];
        second["inDesiredState"]!.Value<bool>().Should().BeTrue();
        second["differingProperties"]!.Values<string>().Should().BeEmpty();
        second["rss"]!.Value<bool>().Should().BeFalse();
        second["checksumTcpIPv4"].Should().BeNull("test output carries only the desired properties");
    }

    [Fact]
    public void Get_WildcardOverAdaptersThatDiffer_ShowsTheFirstAdaptersValueAndEachAdaptersOwn()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var state = h.Get("""{"name":"Ethernet ?"}""").ActualState;

        state["name"]!.Value<string>().Should().Be("Ethernet ?");
        state["checksumTcpIPv6"]!.Value<string>().Should().Be("RxTxEnabled");
        WindowsResourceHarness.Entry(state, "Ethernet 3")["checksumTcpIPv6"]!.Value<string>().Should().Be("RxEnabled");
        WindowsResourceHarness.Entry(state, "Ethernet 3")["advancedProperties"]!["*JumboPacket"]!.Value<string>().Should().Be("9014");
        state["adapters"]!.Should().HaveCount(2);
    }

    [Fact]
    public void Set_Wildcard_ChangesOnlyTheAdaptersThatDifferAndRestartsEachOnce()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Set("""{"name":"Ethernet*","rss":false,"lsoIPv4":false,"lsoIPv6":false}""");

        outcome.ChangedProperties.Should().Equal("lsoIPv4", "lsoIPv6", "rss");
        h.Cim.Modifications.Should().HaveCount(2, "Ethernet 2 needs one LSO and one RSS modify; Ethernet 3 needs none");
        h.Restarts("Ethernet 2").Should().Be(1);
        h.Restarts("Ethernet 3").Should().Be(0);
        h.Restarts(Debugger).Should().Be(0);
        WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet 2")["inDesiredState"]!.Value<bool>().Should().BeTrue();
        h.Test("""{"name":"Ethernet*","rss":false,"lsoIPv4":false,"lsoIPv6":false}""").InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Selection_HiddenAdapters_AreLeftOutUnlessIncludeHidden()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var without = h.Get("""{"name":"*"}""").ActualState["adapters"]!.Select(a => a.Value<string>("name"));
        var with = h.Get("""{"name":"*","includeHidden":true}""").ActualState["adapters"]!.Select(a => a.Value<string>("name"));

        without.Should().Equal("Ethernet 2", "Ethernet 3");
        with.Should().Equal(Debugger, "Ethernet 2", "Ethernet 3");
    }

    [Fact]
    public void Set_IncludeHidden_ChangesTheHiddenAdapterToo()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        h.Set("""{"name":"*","includeHidden":true,"checksumUdpIPv4":"Disabled"}""");

        h.SettingData(Fakes.FakeCimClassCatalog.Checksum, "Ethernet 2")["UdpIPv4Enabled"]!.AsNumber().Should().Be(0);
        h.SettingData(Fakes.FakeCimClassCatalog.Checksum, "Ethernet 3")["UdpIPv4Enabled"]!.AsNumber().Should().Be(0);
        h.Restarts(Debugger).Should().Be(0, "its UDP/IPv4 checksum offload was already Disabled");
    }

    [Fact]
    public void Selection_ExcludeName_LeavesMatchingAdaptersOut()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Set("""{"name":"Ethernet*","excludeName":["*3"],"rss":false}""");

        outcome.AfterState["adapters"]!.Select(a => a.Value<string>("name")).Should().Equal("Ethernet 2");
        outcome.AfterState["excludeName"]!.Values<string>().Should().Equal("*3");
        h.Restarts("Ethernet 3").Should().Be(0);
        h.Cim.Modifications.Should().ContainSingle();
    }

    [Fact]
    public void Selection_InterfaceDescription_MustAlsoMatch()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Test("""{"name":"*","interfaceDescription":"*X710*#2","lsoIPv4":false}""");

        outcome.InDesiredState.Should().BeTrue("only Ethernet 3, whose LSO is off, matches");
        outcome.ActualState["adapters"]!.Select(a => a.Value<string>("name")).Should().Equal("Ethernet 3");
        outcome.ActualState["interfaceDescription"]!.Value<string>().Should().Be("*X710*#2");
    }

    [Fact]
    public void Selection_NameIsCaseInsensitive()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        h.Get("""{"name":"ETHERNET 2"}""").ActualState["adapters"]!.Select(a => a.Value<string>("name")).Should().Equal("Ethernet 2");
    }

    [Fact]
    public void Test_ZeroMatches_IsNotInDesiredStateNamingTheSelection()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.Test("""{"name":"Wi-Fi*","rss":false}""");

        outcome.InDesiredState.Should().BeFalse();
        outcome.DifferingProperties.Should().Equal("name");
        outcome.ActualState["adapters"]!.Should().BeEmpty();
        h.MessagesAt(MessageLevel.Warning).Should().ContainSingle().Which.Should().Contain("no adapter matches 'Wi-Fi*'");
    }

    [Fact]
    public void Set_ZeroMatches_IsNoMatchAndChangesNothing()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var act = () => h.Set("""{"name":"Wi-Fi*","rss":false}""");

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NoMatch);
        error.Message.Should().Contain("'Wi-Fi*'");
        ResourceExitCodes.For(error.Kind).Should().Be(ResourceExitCode.NoMatchingAdapter);
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void ZeroMatches_WithAllowNoMatch_IsInDesiredStateAndSetDoesNothing()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        const string desired = """{"name":"Wi-Fi*","allowNoMatch":true,"rss":false}""";

        var test = h.Test(desired);
        var set = h.Set(desired);

        test.InDesiredState.Should().BeTrue();
        test.DifferingProperties.Should().BeEmpty();
        set.ChangedProperties.Should().BeEmpty();
        h.MessagesAt(MessageLevel.Information).Should().Contain(m => m.Contains("allowNoMatch"));
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void Get_ZeroMatches_HasNoAdaptersAndSaysSo()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var state = h.Get("""{"name":"Wi-Fi*"}""").ActualState;

        state["adapters"]!.Should().BeEmpty();
        h.MessagesAt(MessageLevel.Information).Should().Contain(m => m.Contains("no adapter matches 'Wi-Fi*'"));
    }

    [Fact]
    public void Export_YieldsOneInstancePerAdapterWithItsExactNameAndHiddenOnesMarked()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var instances = h.Adapters.Export([], new OperationContext(_ => { }, "h")).ToList();

        instances.Select(i => i.Value<string>("_name")).Should().Equal("Ethernet (Kernel Debugger)", "Ethernet 2", "Ethernet 3");
        instances[0]["includeHidden"]!.Value<bool>().Should().BeTrue();
        instances[1]["includeHidden"].Should().BeNull();
        instances[1]["lsoIPv4"]!.Value<bool>().Should().BeTrue();
        instances[2]["lsoIPv4"]!.Value<bool>().Should().BeFalse();
    }
}
