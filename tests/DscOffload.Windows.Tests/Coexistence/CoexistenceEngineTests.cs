using DscOffload.Core.Coexistence;
using DscOffload.Core.Engine;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Windows.Coexistence;
using DscOffload.Windows.Live;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Coexistence;

/// <summary>
/// The coexistence warnings the engine adds to a host's result after test and set, with the real
/// Windows types against recorded hosts exported from the fakes.
/// </summary>
public class CoexistenceEngineTests
{
    private static readonly ResourceCatalog Catalog = new(
        [new GlobalOffloadProvider(), new WindowsNetAdapterOffloadProvider(), new WindowsOffloadCoexistenceProvider()]);

    private static readonly JObject AllOffGlobal = JObject.Parse("""{"chimney": "Disabled", "receiveSideScaling": "Disabled"}""");

    /// <summary>A recorded host exported from a fake: GlobalOffload, every adapter, and (optionally) the coexistence state.</summary>
    private static RecordedHost Record(FakeWindowsHost host, bool withCoexistence = true)
    {
        var platform = host.CreatePlatform();
        var context = new OperationContext(_ => { }, host.HostName);
        var resources = new JArray();
        IEnumerable<IExportableResource> types =
        [
            new GlobalOffloadResource(platform, live: false),
            new WindowsNetAdapterOffloadResource(platform, live: false),
        ];
        if (withCoexistence)
        {
            var provider = new WindowsOffloadCoexistenceProvider();
            types = types.Append(new CoexistenceResource(provider.Descriptor, provider.Table, CoexistenceHosts.Probe(host)));
        }

        foreach (var type in types)
        {
            foreach (var state in type.Export([], context))
            {
                var name = state["_name"]!.Value<string>();
                state.Remove("_name");
                resources.Add(new JObject { ["type"] = type.Descriptor.Type, ["name"] = name, ["properties"] = state });
            }
        }

        return RecordedHost.FromDocument(new JObject
        {
            ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = host.HostName } },
            ["resources"] = resources,
        }, $"{host.HostName}.dsc.json");
    }

    private static JObject Run(HostTarget target, EngineOperation operation, bool whatIf = false, params (string Name, string Type, JObject Properties)[] instances)
    {
        var engine = new ConfigurationEngine(Catalog, new EngineOptions { WhatIf = whatIf, Advisors = [new CoexistenceResultAdvisor(Catalog)] });
        var prepared = engine.Prepare("doc.dsc.yaml", instances.Select(i => new EngineInstance(i.Name, i.Type, i.Properties, null, null)).ToList());
        return engine.Run(prepared, target, operation).Envelope;
    }

    private static List<JObject> Warnings(JObject envelope) =>
        envelope["messages"]!.OfType<JObject>().Where(m => m["level"]!.Value<string>() == "warning").ToList();

    private static FakeWindowsHost HostWithChimney(byte chimney, params string[] rows)
    {
        var host = CoexistenceHosts.Baseline();
        host.Cim.Modify(host.Cim.InstancesOf(FakeCimClassCatalog.GlobalSetting).Single(), new Dictionary<string, object?> { ["Chimney"] = chimney });
        host.Cim.Modifications.Clear();
        foreach (var id in rows)
        {
            CoexistenceHosts.RowEvidence[id](host);
        }

        return host;
    }

    [Fact]
    public void Test_ChimneyAutomaticWhereAnIpsecPolicyApplies_WarnsWithTheKbReason()
    {
        var target = new RecordedHostTarget(Record(HostWithChimney(2, "ipsecPolicy", "windowsFirewall")));

        var envelope = Run(target, EngineOperation.Test, false, ("Global offload off", GlobalOffloadDescriptor.TypeName, AllOffGlobal));

        var warning = Warnings(envelope).Should().ContainSingle().Subject;
        warning["name"]!.Value<string>().Should().Be("Global offload off");
        warning["type"]!.Value<string>().Should().Be(GlobalOffloadDescriptor.TypeName);
        warning["message"]!.Value<string>().Should()
            .StartWith("chimney = Automatic, but on SRV-X710-01: An IPsec policy is applied; KB 951037: the stack offloads no TCP connection")
            .And.Contain("Require IPsec between farm servers");
        envelope["hadErrors"]!.Value<bool>().Should().BeFalse("advice never fails a run");
    }

    [Fact]
    public void Test_DocumentEnablingChimneyOnAHyperVHost_WarnsAboutTheDesiredValue()
    {
        var target = new RecordedHostTarget(Record(HostWithChimney(0, "hyperV")));

        var envelope = Run(target, EngineOperation.Test, false, ("Chimney on", GlobalOffloadDescriptor.TypeName, JObject.Parse("""{"chimney": "Enabled"}""")));

        Warnings(envelope).Should().ContainSingle().Which["message"]!.Value<string>().Should()
            .StartWith("desired chimney = Enabled, but on SRV-X710-01: Hyper-V runs virtual machines on this host")
            .And.Contain("TechNet gg162710 (Windows Server 2008 R2) says Yes");
    }

    [Fact]
    public void Test_ChimneyOffEverywhere_GetsNoAdviceEvenWithIpsec()
    {
        var target = new RecordedHostTarget(Record(HostWithChimney(0, "ipsecPolicy")));

        var envelope = Run(target, EngineOperation.Test, false, ("Global offload off", GlobalOffloadDescriptor.TypeName, AllOffGlobal));

        // The one message left says that the recording has no Windows version, so chimney is compared as read.
        envelope["messages"]!.Select(m => m["message"]!.Value<string>()).Should().ContainSingle().Which.Should().Contain("is unknown");
    }

    [Fact]
    public void Test_RscOnASwitchAttachedAdapter_WarnsForThatAdapterOnly()
    {
        var host = HostWithChimney(0);
        host.AddService("vmms", "Running");
        host.AddBinding("Ethernet 3", "vms_pp", "Hyper-V Extensible Virtual Switch", true);
        var target = new RecordedHostTarget(Record(host));

        var envelope = Run(target, EngineOperation.Test, false,
            ("Adapters", WindowsNetAdapterOffloadDescriptor.TypeName, JObject.Parse("""{"name": "Ethernet*", "rscIPv4": true}""")));

        var rsc = Warnings(envelope).Select(w => w["message"]!.Value<string>()!).Where(m => m.Contains("rscIPv4")).ToList();
        rsc.Should().ContainSingle().Which.Should().Contain("on SRV-X710-01 (Ethernet 3): Hyper-V").And.Contain("attached to a Hyper-V switch").And.NotContain("Ethernet 2");
    }

    [Fact]
    public void Test_RscOnASwitchAttachedAdapterThatWindowsReportsNotOperational_QuotesTheHostsReason()
    {
        var host = CoexistenceHosts.Baseline(Rss.RssHosts.X710(rsc: r =>
        {
            r["IPv4OperationalState"] = false;
            r["IPv4FailureReason"] = 3;
        }));
        host.AddService("vmms", "Running");
        host.AddBinding("Ethernet 2", "vms_pp", "Hyper-V Extensible Virtual Switch", true);
        var target = new RecordedHostTarget(Record(host));

        var envelope = Run(target, EngineOperation.Test, false,
            ("Adapters", WindowsNetAdapterOffloadDescriptor.TypeName, JObject.Parse("""{"name": "Ethernet 2", "rscIPv4": true}""")));

        var messages = Warnings(envelope).Select(w => w["message"]!.Value<string>()!).ToList();
        messages.Should().ContainSingle(m => m.Contains("Hyper-V")).Which.Should()
            .Contain("The host reports Ethernet 2 rscIPv4: requested on, not operational because a filter driver bound to the adapter is incompatible with it (NDISCompatibility).");
        messages.Should().Contain("'Ethernet 2' rscIPv4: requested on, not operational because a filter driver bound to the adapter is incompatible with it (NDISCompatibility)");
    }

    [Fact]
    public void Test_SnapshotWithoutCoexistenceState_RunsWithoutAdvice()
    {
        var target = new RecordedHostTarget(Record(HostWithChimney(2, "ipsecPolicy"), withCoexistence: false));

        var envelope = Run(target, EngineOperation.Test, false, ("Global offload off", GlobalOffloadDescriptor.TypeName, AllOffGlobal));

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse();
        Warnings(envelope).Should().BeEmpty();
    }

    [Fact]
    public void Get_AddsNoAdvice()
    {
        var target = new RecordedHostTarget(Record(HostWithChimney(2, "ipsecPolicy")));

        var envelope = Run(target, EngineOperation.Get, false, ("Global offload off", GlobalOffloadDescriptor.TypeName, AllOffGlobal));

        envelope["messages"]!.Should().BeEmpty();
    }

    [Fact]
    public void Options_KeepingOnlyWarnings_DropInformationalAdvice()
    {
        var host = HostWithChimney(0, "networkMonitor");
        var engine = new ConfigurationEngine(Catalog, new EngineOptions { MessageLevel = MessageLevel.Warning, Advisors = [new CoexistenceResultAdvisor(Catalog)] });
        var prepared = engine.Prepare("doc", [new EngineInstance("Chimney on", GlobalOffloadDescriptor.TypeName, JObject.Parse("""{"chimney": "Enabled"}"""), null, null)]);
        var verbose = new ConfigurationEngine(Catalog, new EngineOptions { Advisors = [new CoexistenceResultAdvisor(Catalog)] });

        engine.Run(prepared, new RecordedHostTarget(Record(host)), EngineOperation.Test).Envelope["messages"]!.Should().BeEmpty();
        verbose.Run(prepared, new RecordedHostTarget(Record(host)), EngineOperation.Test).Envelope["messages"]!
            .Should().ContainSingle(m => m["level"]!.Value<string>() == "information" && m["message"]!.Value<string>()!.Contains("capture"));
    }

    [Fact]
    public void SetWhatIf_FailedAssertion_WarnsAndThePreviewGoesOn()
    {
        var target = new RecordedHostTarget(Record(HostWithChimney(0, "ipsecPolicy")));

        var envelope = Run(target, EngineOperation.Set, whatIf: true,
            ("No IPsec", WindowsOffloadCoexistenceProvider.TypeName, JObject.Parse("""{"ipsecPolicy": false}""")),
            ("Chimney on", GlobalOffloadDescriptor.TypeName, JObject.Parse("""{"chimney": "Enabled"}""")));

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse();
        var results = (JArray)envelope["results"]!;
        results[0]!["result"]!["changedProperties"]!.Should().BeEmpty();
        results[1]!["result"]!["changedProperties"]!.Values<string>().Should().Equal("chimney");
        Warnings(envelope).Select(w => w["message"]!.Value<string>()).Should().Contain(m => m!.Contains("a set would stop here"))
            .And.Contain(m => m!.StartsWith("desired chimney = Enabled, but on SRV-X710-01: An IPsec policy is applied"));
    }

    [Fact]
    public void Set_FailedAssertion_StopsBeforeTheDependentChangeAndChangesNothing()
    {
        var host = HostWithChimney(0, "ipsecPolicy");
        var target = new FakeLiveTarget(host);

        var envelope = Run(target, EngineOperation.Set, false,
            ("No IPsec", WindowsOffloadCoexistenceProvider.TypeName, JObject.Parse("""{"ipsecPolicy": false}""")),
            ("Chimney on", GlobalOffloadDescriptor.TypeName, JObject.Parse("""{"chimney": "Enabled"}""")));

        envelope["hadErrors"]!.Value<bool>().Should().BeTrue();
        envelope["messages"]!.First(m => m["level"]!.Value<string>() == "error")["message"]!.Value<string>().Should().Contain("read-only").And.Contain("ipsecPolicy");
        envelope["results"]!.Should().NotContain(r => r["name"]!.Value<string>() == "Chimney on", "set stops at the first failure");
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void Set_HoldingAssertion_LetsTheChangeRun()
    {
        var host = HostWithChimney(0, "windowsFirewall");
        var target = new FakeLiveTarget(host);

        var envelope = Run(target, EngineOperation.Set, false,
            ("No IPsec", WindowsOffloadCoexistenceProvider.TypeName, JObject.Parse("""{"ipsecPolicy": false, "compatibleWith": ["chimney"]}""")),
            ("Chimney on", GlobalOffloadDescriptor.TypeName, JObject.Parse("""{"chimney": "Enabled"}""")));

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse(envelope.ToString());
        host.Cim.InstancesOf(FakeCimClassCatalog.GlobalSetting).Single().GetNumber("Chimney").Should().Be(1);
    }

    /// <summary>A writable host over the fakes, standing in for the live host (the engine only sees a non-recorded target).</summary>
    private sealed class FakeLiveTarget(FakeWindowsHost host) : HostTarget
    {
        private readonly CimWindowsOffloadPlatform _platform = host.CreatePlatform();

        public override string Name => host.HostName;

        public override bool IsRecorded => false;

        protected override IResourceType Create(IResourceTypeProvider provider) => provider.Descriptor.Type switch
        {
            GlobalOffloadDescriptor.TypeName => new GlobalOffloadResource(_platform, live: false),
            WindowsNetAdapterOffloadDescriptor.TypeName => new WindowsNetAdapterOffloadResource(_platform, live: false),
            _ => new CoexistenceResource(provider.Descriptor, CoexistenceHosts.Table, CoexistenceHosts.Probe(host)),
        };
    }
}
