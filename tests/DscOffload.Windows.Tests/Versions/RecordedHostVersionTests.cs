using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Windows.Recorded;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Versions;

/// <summary>
/// A recorded host carries its Windows version (<c>metadata.DscOffload.osVersion</c>, as <c>dscoffload snapshot</c>
/// writes it), so a dry run against it refuses and satisfies what the host itself would; a recording without one keeps
/// the behaviour from before builds were known and says so.
/// </summary>
public sealed class RecordedHostVersionTests
{
    private static readonly ResourceCatalog Catalog = new([new GlobalOffloadProvider(), new WindowsNetAdapterOffloadProvider()]);

    /// <summary>Exports the X710-style host (build unknown to the fake) and records <paramref name="osVersion"/> in the metadata.</summary>
    private static RecordedHost Recording(string? osVersion)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
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

        var meta = new JObject { ["host"] = host.HostName, ["os"] = "windows" };
        if (osVersion is not null)
        {
            meta["osVersion"] = osVersion;
        }

        return RecordedHost.FromDocument(new JObject { ["metadata"] = new JObject { ["DscOffload"] = meta }, ["resources"] = resources }, "x710.dsc.json");
    }

    [Theory]
    [InlineData(MessageLevel.Error, false)]       // a fleet without -l info: the message is not even built
    [InlineData(MessageLevel.Information, true)]  // a fleet traced at info still gets it
    public void Test_OfAFleetWithoutAVersion_SaysTheBuildIsUnknownOnlyWhenInformationIsRead(MessageLevel traced, bool said)
    {
        var heard = new List<string>();
        var run = Test(Recording(null), new EngineOptions { MessageLevel = MessageLevel.Warning, OnMessage = m => heard.Add(m.Text), OnMessageLevel = traced },
            GlobalOffloadDescriptor.TypeName, """{"chimney":"Automatic"}""");
        var adapters = Test(Recording(null), new EngineOptions { MessageLevel = MessageLevel.Warning, OnMessage = m => heard.Add(m.Text), OnMessageLevel = traced },
            WindowsNetAdapterOffloadDescriptor.TypeName, """{"name":"Ethernet 2","tcpConnectionOffloadIPv4":true}""");

        run.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        adapters.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        heard.Count(m => m.Contains("is unknown (a recording without metadata.DscOffload.osVersion")).Should().Be(said ? 2 : 0);
    }

    private static EngineRun Test(RecordedHost host, EngineOptions options, string type, string properties)
    {
        var engine = new ConfigurationEngine(Catalog, options);
        var prepared = engine.Prepare("doc.dsc.yaml", [new EngineInstance("Offloads", type, JObject.Parse(properties), null, null)]);
        return engine.Run(prepared, new RecordedHostTarget(host), EngineOperation.Test);
    }

    private static EngineRun WhatIf(RecordedHost host, string type, string properties)
    {
        var engine = new ConfigurationEngine(Catalog, new EngineOptions { WhatIf = true });
        var prepared = engine.Prepare("doc.dsc.yaml", [new EngineInstance("Offloads", type, JObject.Parse(properties), null, null)]);
        return engine.Run(prepared, new RecordedHostTarget(host), EngineOperation.Set);
    }

    [Fact]
    public void RecordedPlatform_ReadsTheBuildFromTheVersion()
    {
        new RecordedWindowsPlatform(Recording("10.0.17763")).ReadOsBuild().Should().Be(17763);
        new RecordedWindowsPlatform(Recording(null)).ReadOsBuild().Should().BeNull();
    }

    [Fact]
    public void RecordedPlatform_WithAVersionThatIsNotOne_IsAClearError()
    {
        var act = () => new RecordedWindowsPlatform(Recording("ten")).ReadOsBuild();

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("osVersion 'ten'").And.Contain("10.0.17763");
    }

    [Fact]
    public void DryRun_OnARecordingAfterTheRemoval_RefusesChimneyOnAsTheHostWould()
    {
        var run = WhatIf(Recording("10.0.17763"), GlobalOffloadDescriptor.TypeName, """{"chimney":"Automatic"}""");

        var text = run.Envelope.ToString();
        text.Should().Contain("TCP Chimney Offload was removed").And.Contain("nothing was changed");
        run.FirstError.Should().Be(ErrorKind.NotSupported);
        run.Results.Should().ContainSingle().Which.Error.Should().Contain("TCP Chimney Offload was removed");
    }

    [Fact]
    public void DryRun_OnARecordingAfterTheRemoval_SatisfiesConnectionOffloadOff()
    {
        var run = WhatIf(Recording("10.0.17763"), WindowsNetAdapterOffloadDescriptor.TypeName, """{"name":"Ethernet 2","tcpConnectionOffloadIPv4":false}""");

        run.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        run.Envelope.ToString().Should().Contain("nothing to turn off");
    }

    [Fact]
    public void DryRun_OnARecordingWithoutAVersion_PredictsTheChangeAsBeforeAndSaysTheBuildIsUnknown()
    {
        var run = WhatIf(Recording(null), GlobalOffloadDescriptor.TypeName, """{"chimney":"Automatic"}""");

        run.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        run.Envelope.ToString().Should().Contain("is unknown (a recording without metadata.DscOffload.osVersion");
    }
}
