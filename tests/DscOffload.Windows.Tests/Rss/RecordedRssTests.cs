using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Windows.Recorded;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Rss;

/// <summary>
/// Recorded hosts (the CI dry run): a recording exported from a host carries the RSS settings and the operational
/// state and replays them; a recording made before they existed still loads and claims nothing about them.
/// </summary>
public class RecordedRssTests
{
    private static readonly ResourceCatalog Catalog = new([new GlobalOffloadProvider(), new WindowsNetAdapterOffloadProvider()]);

    /// <summary>Exports GlobalOffload and every adapter of <paramref name="host"/> as a recorded host, as <c>dscoffload snapshot</c> does.</summary>
    private static JObject Export(FakeWindowsHost host)
    {
        var platform = host.CreatePlatform();
        var context = new OperationContext(_ => { }, host.HostName);
        var resources = new JArray();
        foreach (var type in new IExportableResource[] { new GlobalOffloadResource(platform, live: false), new WindowsNetAdapterOffloadResource(platform, live: false) })
        {
            foreach (var state in type.Export([], context))
            {
                var name = state["_name"]!.Value<string>();
                state.Remove("_name");
                resources.Add(new JObject { ["type"] = type.Descriptor.Type, ["name"] = name, ["properties"] = state });
            }
        }

        return new JObject
        {
            ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = host.HostName } },
            ["resources"] = resources,
        };
    }

    private static JObject Run(RecordedHost host, string properties)
    {
        var engine = new ConfigurationEngine(Catalog, new EngineOptions());
        var prepared = engine.Prepare("doc.dsc.yaml", [new EngineInstance("Adapters", WindowsNetAdapterOffloadDescriptor.TypeName, JObject.Parse(properties), null, null)]);
        return engine.Run(prepared, new RecordedHostTarget(host), EngineOperation.Test).Envelope;
    }

    [Fact]
    public void Export_CarriesTheRssSettingsAndOperationalStateAndTheRecordingReplaysThem()
    {
        var document = Export(RssHosts.RscIPv6NotOperational(5));
        var exported = document["resources"]!.OfType<JObject>().Single(r => r["name"]!.Value<string>() == RssHosts.Adapter)["properties"]!;
        exported["rssProfile"]!.Value<string>().Should().Be("NUMAStatic");
        exported["operationalState"]!["rscIPv6"]!.Value<string>().Should().Be("NetOffloadGlobalDisabled");

        var platform = new RecordedWindowsPlatform(RecordedHost.FromDocument(document, "x710.dsc.json"));
        var state = platform.ReadAdapter(platform.ListAdapters().Single(a => a.Name == RssHosts.Adapter));

        state.Settings.Should().Contain("rssProfile", "NUMAStatic").And.Contain("rssBaseProcessorNumber", 2L).And.Contain("rssNumberOfReceiveQueues", 8L);
        state.OperationalStates.Should().Contain("rscIPv6", "NetOffloadGlobalDisabled");
    }

    [Fact]
    public void DryRunTest_AgainstARecordingWhereRscIsNotOperational_WarnsInTheHostsMessages()
    {
        var recorded = RecordedHost.FromDocument(Export(RssHosts.RscIPv6NotOperational(3)), "x710.dsc.json");

        var envelope = Run(recorded, $$"""{"name":"{{RssHosts.Adapter}}","rscIPv6":true}""");

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse();
        envelope["messages"]!.OfType<JObject>().Should().ContainSingle(m => m["level"]!.Value<string>() == "warning")
            .Which["message"]!.Value<string>().Should().Be(
                $"'{RssHosts.Adapter}' rscIPv6: requested on, not operational because a filter driver bound to the adapter is incompatible with it (NDISCompatibility)");
    }

    [Fact]
    public void DryRunTest_AgainstARecordingWithoutTheRssProperties_LoadsAndReportsThemUnsupported()
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "snapshots", "windows", "fast-01.dsc.json")));
        var recorded = RecordedHost.FromDocument(document, "fast-01.dsc.json");

        var envelope = Run(recorded, """{"name":"Ethernet","rss":false,"rssProfile":"NUMAStatic"}""");

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse();
        var result = envelope["results"]![0]!["result"]!;
        result["inDesiredState"]!.Value<bool>().Should().BeFalse();
        result["differingProperties"]!.Values<string>().Should().Equal("rssProfile");
        var entry = result["actualState"]!["adapters"]![0]!;
        entry["notOperational"].Should().BeNull("a recording without operational state claims none");
        entry["notSupported"]!.Values<string>().Should().Equal("rssProfile");
    }

    [Fact]
    public void Recording_WithAnUnknownOperationalState_IsRefusedAtItsLocation()
    {
        var document = Export(RssHosts.X710());
        var adapter = document["resources"]!.OfType<JObject>().Single(r => r["name"]!.Value<string>() == RssHosts.Adapter)["properties"]!;
        adapter["operationalState"]!["rscIPv4"] = "Sleeping";
        var platform = new RecordedWindowsPlatform(RecordedHost.FromDocument(JObject.Parse(document.ToString()), "x710.dsc.json"));

        var read = () => platform.ReadAdapter(platform.ListAdapters().Single(a => a.Name == RssHosts.Adapter));

        read.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains("operationalState.rscIPv4"));
    }

    [Fact]
    public void Recording_WithAProcessorNumberOutOfItsRange_IsRefused()
    {
        var document = Export(RssHosts.X710());
        var adapter = document["resources"]!.OfType<JObject>().Single(r => r["name"]!.Value<string>() == RssHosts.Adapter)["properties"]!;
        adapter["rssBaseProcessorNumber"] = 300;
        var platform = new RecordedWindowsPlatform(RecordedHost.FromDocument(document, "x710.dsc.json"));

        var read = () => platform.ReadAdapter(platform.ListAdapters().Single(a => a.Name == RssHosts.Adapter));

        read.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains("rssBaseProcessorNumber") && e.Message.Contains("300"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DscOffload.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (DscOffload.sln) is not above the test binaries");
    }
}
