using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Tests.Fakes;
using DscOffload.Windows.Tests.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Rss;

/// <summary>The RSS settings and the RSC operational state through <c>DscOffload.Windows/NetAdapterOffload</c> get, test and set.</summary>
public class RssResourceTests
{
    private const string Adapter = RssHosts.Adapter;

    [Fact]
    public void Get_ReportsEveryRssSettingWithItsVocabularyType()
    {
        var h = new WindowsResourceHarness(RssHosts.X710());

        var entry = WindowsResourceHarness.Entry(h.Get($$"""{"name":"{{Adapter}}"}""").ActualState, Adapter);

        entry["rssProfile"]!.Value<string>().Should().Be("NUMAStatic");
        entry["rssBaseProcessorNumber"]!.Type.Should().Be(JTokenType.Integer);
        entry["rssBaseProcessorNumber"]!.Value<long>().Should().Be(2);
        entry["rssMaxProcessorNumber"]!.Value<long>().Should().Be(17);
        entry["rssMaxProcessors"]!.Value<long>().Should().Be(16);
        entry["rssNumberOfReceiveQueues"]!.Value<long>().Should().Be(8);
        entry["operationalState"]!.ToObject<Dictionary<string, string>>().Should().Equal(new Dictionary<string, string> { ["rscIPv4"] = "Operational", ["rscIPv6"] = "Operational" });
        entry["notOperational"].Should().BeNull();
    }

    [Fact]
    public void Test_RscRequestedOnButNotOperational_ShowsWhyInTheEntryAndWarnsOnceYetStaysInDesiredState()
    {
        var h = new WindowsResourceHarness(RssHosts.RscIPv6NotOperational(2));
        var desired = $$"""{"name":"{{Adapter}}","rscIPv6":true,"rssProfile":"NUMAStatic"}""";

        var test = h.Test(desired);

        test.InDesiredState.Should().BeTrue("the setting is what the document asks for; only its effect is missing");
        var entry = WindowsResourceHarness.Entry(test.ActualState, Adapter);
        entry["notOperational"]!["rscIPv6"]!.Value<string>().Should()
            .Be("requested on, not operational because a Windows Filtering Platform callout is incompatible with it (WFPCompatibility)");
        h.MessagesAt(MessageLevel.Warning).Should().ContainSingle().Which.Should()
            .Be($"'{Adapter}' rscIPv6: requested on, not operational because a Windows Filtering Platform callout is incompatible with it (WFPCompatibility)");
    }

    [Fact]
    public void Test_RscRequestedOffWhileNotOperational_SaysNothing()
    {
        var h = new WindowsResourceHarness(RssHosts.RscIPv4OffForItsOwnSetting());

        var test = h.Test($$"""{"name":"{{Adapter}}","rscIPv4":false}""");

        test.InDesiredState.Should().BeTrue();
        WindowsResourceHarness.Entry(test.ActualState, Adapter)["notOperational"].Should().BeNull();
        h.MessagesAt(MessageLevel.Warning).Should().BeEmpty();
    }

    [Fact]
    public void WhatIf_TurningOnRscThatWasOffForItsOwnSetting_DoesNotPredictItNotOperational()
    {
        var h = new WindowsResourceHarness(RssHosts.RscIPv4OffForItsOwnSetting());

        var whatIf = h.WhatIf($$"""{"name":"{{Adapter}}","rscIPv4":true}""");

        var after = WindowsResourceHarness.Entry(whatIf.AfterState, Adapter);
        after["rscIPv4"]!.Value<bool>().Should().BeTrue();
        after["notOperational"].Should().BeNull("the reason Windows gave was the setting being off, which the change removes");
    }

    [Fact]
    public void Set_RssProfileAndCounts_ConvergeInOneWriteAndOneRestart()
    {
        var h = new WindowsResourceHarness(RssHosts.X710());
        var desired = $$"""{"name":"{{Adapter}}","rssProfile":"Conservative","rssMaxProcessors":4,"rssNumberOfReceiveQueues":2}""";

        var set = h.Set(desired);

        set.ChangedProperties.Should().BeEquivalentTo("rssProfile", "rssMaxProcessors", "rssNumberOfReceiveQueues");
        h.Cim.Modifications.Should().ContainSingle();
        h.Restarts(Adapter).Should().Be(1);
        h.Test(desired).InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Test_RssCountOnAnAdapterWithoutRss_IsNotSatisfiedByAbsenceAndSetChangesNothing()
    {
        var h = new WindowsResourceHarness(FakeWindowsHostWithoutRssInstance());

        var test = h.Test("""{"name":"Ethernet 2","rssMaxProcessors":4,"rss":false}""");

        test.InDesiredState.Should().BeFalse("a count has no 'off' that a missing feature could satisfy");
        test.DifferingProperties.Should().Equal("rssMaxProcessors");
        var set = () => h.Set("""{"name":"Ethernet 2","rssMaxProcessors":4}""");
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported && e.Message.Contains("rssMaxProcessors (not supported)"));
        h.ChangeCount.Should().Be(0);
    }

    /// <summary>The x710 server whose first adapter has no RSS instance (the class exists) and no RSS keyword.</summary>
    private static FakeWindowsHost FakeWindowsHostWithoutRssInstance()
    {
        var json = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "x710-server.json")));
        ((JObject)json["adapters"]![0]!["settingData"]!).Remove(FakeCimClassCatalog.Rss);
        json["adapters"]![0]!["keywords"] = new JArray(((JArray)json["adapters"]![0]!["keywords"]!)
            .Where(k => !k["keyword"]!.Value<string>()!.Contains("RSS", StringComparison.OrdinalIgnoreCase)));
        return FakeWindowsHost.FromJson(json);
    }
}
