using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Core.Schemas;
using DscOffload.Windows.Recorded;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Settings;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// An export is input: every exported adapter instance validates (no NDIS keyword beside the typed setting that
/// stands for it), is in desired state on the host it came from, and a recording of it reads the driver keywords
/// back as the live host reports them.
/// </summary>
public sealed class NetAdapterOffloadExportRoundTripTests
{
    public static TheoryData<string> Hosts => new() { "x710-server.json", "hyperv-guest.json", "realtek-client.json", "server2008r2.json" };

    private static List<JObject> Export(WindowsResourceHarness h) =>
        h.Adapters.Export([], new OperationContext(_ => { }, "h")).Select(i =>
        {
            i.Remove("_name");
            return i;
        }).ToList();

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Export_EveryInstance_IsValidInputWithoutKeywordsBehindItsTypedSettings(string host)
    {
        var instances = Export(new WindowsResourceHarness(host));

        instances.Should().NotBeEmpty();
        foreach (var instance in instances)
        {
            var validate = () => ResourceInputValidator.Validate(WindowsNetAdapterOffloadDescriptor.Descriptor, instance);
            validate.Should().NotThrow(instance.ToString());
            var keywords = (instance["advancedProperties"] as JObject)?.Properties().Select(p => p.Name).ToList() ?? [];
            foreach (var typed in AdapterOffloadSettings.All.Where(s => instance[s.Name] is not null))
            {
                keywords.Should().NotContain(k => string.Equals(k, typed.NdisKeyword, StringComparison.OrdinalIgnoreCase),
                    $"{instance["name"]} records {typed.Name}, which stands for that keyword");
            }
        }
    }

    [Fact]
    public void Export_KeepsTheKeywordsNoTypedSettingStandsFor()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        var live = h.Platform.ReadAdapter(h.Platform.ListAdapters().Single(a => a.Name == "Ethernet 2"));
        var untyped = live.AdvancedProperties.Keys
            .Where(k => !AdapterOffloadSettings.All.Any(s => string.Equals(s.NdisKeyword, k, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        var exported = Export(h).Single(i => i["name"]!.Value<string>() == "Ethernet 2");

        untyped.Should().NotBeEmpty("the fake X710 has keywords beyond the typed settings, such as *JumboPacket");
        ((JObject)exported["advancedProperties"]!).Properties().Select(p => p.Name).Should().BeEquivalentTo(untyped);
    }

    [Fact]
    public void Export_OfAnAdapterWhoseNameHasWildcardCharacters_SelectsOnlyThatAdapterWhenApplied()
    {
        // Windows allows * and ? in an adapter name; written as-is, the exported name would be a pattern that also
        // selects "Ethernet 3", so the instance would apply one adapter's settings to others.
        var json = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "x710-server.json")));
        json["adapters"]!.Single(a => a["name"]!.Value<string>() == "Ethernet 2")["name"] = "Ethernet*";
        var h = new WindowsResourceHarness(FakeWindowsHost.FromJson(json));

        var exported = Export(h).Single(i => i["name"]!.Value<string>()!.Contains('*', StringComparison.Ordinal));
        var selected = ((JArray)h.Get(exported.ToString()).ActualState["adapters"]!).Select(a => a["name"]!.Value<string>());

        exported["name"]!.Value<string>().Should().Be("Ethernet`*");
        selected.Should().Equal("Ethernet*");
        h.Test(exported.ToString()).InDesiredState.Should().BeTrue();

        // A host recorded from the export has the adapter under its literal name, and the instance selects it there too.
        var recorded = new RecordedWindowsPlatform(RecordedHost.FromDocument(new JObject
        {
            ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = "h" } },
            ["resources"] = new JArray(Export(h).Select(i => new JObject { ["type"] = WindowsNetAdapterOffloadDescriptor.TypeName, ["name"] = i["name"]!.Value<string>(), ["properties"] = i })),
        }, "h.dsc.json"));
        var replayed = new WindowsNetAdapterOffloadResource(recorded, live: false).Test(exported, new OperationContext(_ => { }, "h"));

        recorded.ListAdapters().Select(a => a.Name).Should().Contain("Ethernet*").And.NotContain(n => n.Contains('`', StringComparison.Ordinal));
        replayed.InDesiredState.Should().BeTrue();
        ((JArray)replayed.ActualState["adapters"]!).Select(a => a["name"]!.Value<string>()).Should().Equal("Ethernet*");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Export_TestedOnTheHostItCameFrom_IsInDesiredState(string host)
    {
        var h = new WindowsResourceHarness(host);

        foreach (var instance in Export(h))
        {
            var outcome = h.Test(instance.ToString());

            outcome.InDesiredState.Should().BeTrue($"{instance["name"]} differs in {string.Join(", ", outcome.DifferingProperties)}");
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Recording_OfAnExport_ReadsTheDriverKeywordsBackAsTheLiveHostReportsThem(string host)
    {
        var h = new WindowsResourceHarness(host);
        var resources = new JArray(Export(h).Select(i => new JObject
        {
            ["type"] = WindowsNetAdapterOffloadDescriptor.TypeName,
            ["name"] = i["name"]!.Value<string>(),
            ["properties"] = i,
        }));
        var recorded = new RecordedWindowsPlatform(RecordedHost.FromDocument(
            new JObject { ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = "h" } }, ["resources"] = resources }, "h.dsc.json"));

        foreach (var adapter in h.Platform.ListAdapters())
        {
            var live = h.Platform.ReadAdapter(adapter);
            var replayed = recorded.ReadAdapter(recorded.ListAdapters().Single(a => a.InterfaceGuid == adapter.InterfaceGuid));

            // Keywords behind typed settings are read back from the typed value; the fake drivers use the canonical values.
            foreach (var (keyword, value) in live.AdvancedProperties)
            {
                replayed.AdvancedProperties.Should().Contain(keyword, value, $"{adapter.Name} {keyword}");
            }

            replayed.Settings.Should().BeEquivalentTo(live.Settings, adapter.Name);
        }
    }
}
