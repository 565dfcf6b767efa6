using DscOffload.Core.Coexistence;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using DscOffload.Linux.Coexistence;
using DscOffload.Linux.Live;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Privileged;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Coexistence;

/// <summary>
/// The Linux coexistence probe against the real kernel, in a private network namespace per test: xfrm
/// policies installed by the test with <c>ip xfrm</c>, bonds and teams where the kernel has the drivers,
/// and the engine's advice for a document that turns offloads on there.
/// </summary>
public sealed class LiveCoexistenceTests : IDisposable
{
    private const string Policy = "policy dir out 10.0.0.1/32 → 10.0.0.2/32 tcp dport 443: esp transport";
    private static readonly LinuxOffloadCoexistenceProvider Provider = new();

    private readonly string _name = "dscoffload-cx-" + Guid.NewGuid().ToString("N")[..8];
    private readonly bool _created;

    public LiveCoexistenceTests()
    {
        if (PrivilegedTestEnvironment.ShouldRun)
        {
            ExternalProgram.Run("ip", "netns", "add", _name);
            _created = true;
        }
    }

    public void Dispose()
    {
        if (_created)
        {
            ExternalProgram.Run("ip", "netns", "del", _name);
        }
    }

    private string Ip(params string[] arguments) => ExternalProgram.Run("ip", ["-n", _name, .. arguments]);

    private void AddPolicy() => Ip("xfrm", "policy", "add", "src", "10.0.0.1/32", "dst", "10.0.0.2/32", "proto", "tcp", "dport", "443",
        "dir", "out", "tmpl", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp", "mode", "transport");

    private CoexistenceReport Probe()
    {
        using var probe = NetlinkCoexistenceProbe.OpenInNamespace(_name);
        return probe.Probe();
    }

    [PrivilegedFact("ip")]
    public void Probe_XfrmPolicyInstalledInTheNamespace_IsDetectedWithItsSelector()
    {
        Probe().Has("xfrmPolicy").Should().BeFalse("a fresh namespace has no IPsec policy");

        AddPolicy();
        var report = Probe();

        report.Find("xfrmPolicy")!.Details.Should().Equal(Policy);
        report.Find("xfrmPolicy")!.DetectedBy.Should().Be("NETLINK_XFRM XFRM_MSG_GETPOLICY");
        report.Has("xfrmState").Should().BeFalse();
        report.Has("bondMaster").Should().BeFalse();
        report.Undetermined.Should().BeEmpty();
    }

    [PrivilegedFact("ip")]
    public void Probe_PolicyOfAnotherNamespace_IsNotSeen()
    {
        AddPolicy();

        using var here = NetlinkCoexistenceProbe.Open();
        var host = here.Probe();

        (host.Find("xfrmPolicy")?.Details ?? []).Should().NotContain(Policy);
    }

    [PrivilegedFact("ip")]
    public void Probe_WithoutCapNetAdmin_LeavesXfrmUndeterminedAndStillReadsLinks()
    {
        AddPolicy();

        var report = ThreadCapabilities.RunWithout(ThreadCapabilities.NetAdmin, Probe);

        report.Has("xfrmPolicy").Should().BeNull();
        report.Undetermined["xfrmPolicy"].Should().Contain("CAP_NET_ADMIN");
        report.Has("bondMaster").Should().BeFalse("the rtnetlink link dump needs no privilege");
    }

    [LinkKindFact("bond")]
    public void Probe_BondWithAVethSlave_IsABondMasterWithItsModeAndSlave()
    {
        Ip("link", "add", "bond0", "type", "bond", "mode", "active-backup");
        Ip("link", "add", "s0", "type", "veth", "peer", "name", "s1");
        Ip("link", "set", "s0", "master", "bond0");

        var found = Probe().Find("bondMaster")!;

        found.Details.Should().Equal("bond0 (mode active-backup) with slaves s0");
        found.Interfaces.Should().Equal("bond0");
    }

    [LinkKindFact("team")]
    public void Probe_TeamWithAVethPort_IsATeamMaster()
    {
        Ip("link", "add", "team0", "type", "team");
        Ip("link", "add", "p0", "type", "veth", "peer", "name", "p1");
        Ip("link", "set", "p0", "master", "team0");

        Probe().Find("teamMaster")!.Details.Should().Equal("team0 with ports p0");
    }

    [PrivilegedFact("ip")]
    public void Resource_AssertingNoIpsecPolicy_IsOutOfDesiredStateOnceOneIsInstalled()
    {
        using var probe = NetlinkCoexistenceProbe.OpenInNamespace(_name);
        var resource = new CoexistenceResource(Provider.Descriptor, Provider.Table, probe);
        var desired = JObject.Parse("""{"xfrmPolicy": false, "compatibleWith": ["tso", "gso"]}""");
        var context = new OperationContext(_ => { }, _name);

        resource.Test(desired, context).InDesiredState.Should().BeTrue();
        AddPolicy();
        var test = resource.Test(desired, context);

        test.DifferingProperties.Should().Equal(["xfrmPolicy"], "a Partial verdict does not rule TSO out");
        ((JArray)test.ActualState["conditions"]!).Single()["details"]!.Values<string>().Should().Equal(Policy);
    }

    [PrivilegedFact("ip")]
    public void ConfigTest_DocumentEnablingTsoWhereXfrmPoliciesExist_GetsTheKernelAdvice()
    {
        Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        AddPolicy();
        using var devices = LiveEthtoolDevices.OpenInNamespace(_name);
        using var probe = NetlinkCoexistenceProbe.OpenInNamespace(_name);
        var catalog = new ResourceCatalog([new LinuxNetAdapterOffloadProvider(), Provider]);
        var engine = new ConfigurationEngine(catalog, new EngineOptions { Advisors = [new CoexistenceResultAdvisor(catalog)] });
        var prepared = engine.Prepare("doc.dsc.yaml",
            [new EngineInstance("Segmentation on", LinuxNetAdapterOffloadDescriptor.TypeName, JObject.Parse("""{"name": "v0", "features": {"tso": true}}"""), null, null)]);

        var envelope = engine.Run(prepared, new NamespaceTarget(_name, devices, probe), EngineOperation.Test).Envelope;

        envelope["hadErrors"]!.Value<bool>().Should().BeFalse(envelope.ToString());
        envelope["messages"]!.Should().ContainSingle(m => m["level"]!.Value<string>() == "warning").Which["message"]!.Value<string>().Should()
            .StartWith($"desired features.tso = true, but on {_name}: IPsec (xfrm) policies are installed; Linux kernel (net/core/sock.c, sk_setup_caps)")
            .And.Contain(Policy);
    }

    /// <summary>The live kernel of one network namespace, as the engine's target.</summary>
    private sealed class NamespaceTarget(string name, LiveEthtoolDevices devices, NetlinkCoexistenceProbe probe) : HostTarget
    {
        public override string Name => name;

        public override bool IsRecorded => false;

        protected override IResourceType Create(IResourceTypeProvider provider) =>
            provider.Descriptor.Type == LinuxNetAdapterOffloadDescriptor.TypeName
                ? new LinuxNetAdapterOffloadResource(devices, live: true)
                : new CoexistenceResource(provider.Descriptor, Provider.Table, probe);
    }
}
