using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Coexistence;

/// <summary>The Windows coexistence probe over the CIM and registry fakes: every row of the KB 951037 table, and each detection source.</summary>
public class CimCoexistenceProbeTests
{
    public static TheoryData<string> EveryRow()
    {
        var data = new TheoryData<string>();
        foreach (var row in CoexistenceHosts.Table.Rows)
        {
            data.Add(row.Id);
        }

        return data;
    }

    [Fact]
    public void Probe_HostWithoutAnyCondition_FindsNothingAndLeavesNothingUndetermined()
    {
        var report = CoexistenceHosts.Probe(CoexistenceHosts.Baseline()).Probe();

        report.Detected.Should().BeEmpty();
        report.Undetermined.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void Probe_EvidenceOfOneTableRow_DetectsThatConditionAlone(string id)
    {
        CoexistenceHosts.RowEvidence.Should().ContainKey(id, "every row of the table needs a detection that a test exercises");
        var host = CoexistenceHosts.Baseline();
        CoexistenceHosts.RowEvidence[id](host);

        var report = CoexistenceHosts.Probe(host).Probe();

        report.Detected.Select(d => d.Id).Should().Equal(id);
        report.Find(id)!.Details.Should().NotBeEmpty().And.OnlyContain(d => d.Length > 0);
        report.Find(id)!.DetectedBy.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Probe_BindingsOfAdapters_NameTheAdaptersAsInterfaces()
    {
        var host = CoexistenceHosts.Baseline();
        host.AddBinding("Ethernet 3", "vms_pp", "Hyper-V Extensible Virtual Switch", true);

        var found = CoexistenceHosts.Probe(host).Probe().Find("hyperV")!;

        found.Interfaces.Should().Equal("Ethernet 3");
        found.Details.Should().ContainSingle().Which.Should().Contain("Ethernet 3 attached to a Hyper-V switch");
    }

    [Fact]
    public void Probe_MicrosoftComponentsBound_AreNotThirdPartyFilters()
    {
        var host = CoexistenceHosts.Baseline();
        host.AddBinding("Ethernet 2", "ms_lltdio", "Link-Layer Topology Discovery Mapper I/O Driver", true);
        host.AddBinding("Ethernet 2", "vms_pp_other", "Hyper-V component", true);

        CoexistenceHosts.Probe(host).Probe().Has("thirdPartyFilter").Should().BeFalse();
    }

    [Fact]
    public void Probe_GroupPolicyIpsecRule_IsSeenThroughTheActiveStore()
    {
        var host = CoexistenceHosts.Baseline();
        host.AddConnectionSecurityRule("FAST farm: require IPsec", true, 2, 1, store: "contoso.com\\FAST farm IPsec");

        var found = CoexistenceHosts.Probe(host).Probe().Find("ipsecPolicy");

        found.Should().NotBeNull("a rule from Group Policy is in effect although the local store does not hold it");
        found!.Details.Should().ContainSingle().Which.Should().Be(
            "connection security rule 'FAST farm: require IPsec' (inbound Require, outbound Request) from contoso.com\\FAST farm IPsec");
        host.Cim.Queries.Should().Contain(q => q.ClassName == FakeCimClassCatalog.ConSecRule && (string)q.Options["PolicyStore"] == "ActiveStore");
    }

    [Fact]
    public void Probe_DisabledOrExemptingIpsecRules_AreNotAppliedPolicy()
    {
        var host = CoexistenceHosts.Baseline();
        host.AddConnectionSecurityRule("Disabled rule", enabled: false, inbound: 2, outbound: 2);
        host.AddConnectionSecurityRule("Exempt monitoring", enabled: true, inbound: 0, outbound: 0);

        CoexistenceHosts.Probe(host).Probe().Has("ipsecPolicy").Should().BeFalse();
    }

    [Fact]
    public void Probe_WithoutTheNetSecurityClass_ReadsTheFirewallPolicyStoresInTheRegistry()
    {
        var host = CoexistenceHosts.Baseline();
        host.Cim.RemoveClass(FakeCimClassCatalog.ConSecRule);
        host.Registry.SetString(@"SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\ConSecRules", "{A1}",
            "v2.10|Action=SecureServer|Name=Require farm IPsec|Desc=|Active=TRUE|Auth1Set={E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE3}|");
        host.Registry.SetString(@"SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\ConSecRules", "{A2}",
            "v2.10|Action=Secure|Name=Old rule|Active=FALSE|");
        host.Registry.SetString(@"SOFTWARE\Policies\Microsoft\WindowsFirewall\ConSecRules", "{G1}",
            "v2.10|Action=Secure|Name=Domain isolation|Active=TRUE|");

        var found = CoexistenceHosts.Probe(host).Probe().Find("ipsecPolicy")!;

        found.Details.Should().Equal(
            "connection security rule 'Require farm IPsec' (Action=SecureServer) in the local policy store",
            "connection security rule 'Domain isolation' (Action=Secure) in the Group Policy store");
        found.DetectedBy.Should().Contain(@"HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\ConSecRules");
    }

    [Fact]
    public void Probe_AssignedLegacyIpsecPolicies_AreApplied()
    {
        var host = CoexistenceHosts.Baseline();
        const string local = @"SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local";
        host.Registry.SetString(local, "ActivePolicy", local + @"\ipsecPolicy{D239C599-F945-47A3-A4E3-B37BC12826B9}");
        host.Registry.SetString(local + @"\ipsecPolicy{D239C599-F945-47A3-A4E3-B37BC12826B9}", "ipsecName", "Block UDP 1434 Filter");
        host.Registry.SetString(@"SOFTWARE\Policies\Microsoft\Windows\IPSec\GPTIPSECPolicy", "DSIPSECPolicyName", "Server isolation");

        var found = CoexistenceHosts.Probe(host).Probe().Find("ipsecPolicy")!;

        found.Details.Should().Equal("assigned IPsec policy 'Block UDP 1434 Filter' (local)", "assigned IPsec policy 'Server isolation' (Group Policy)");
    }

    [Fact]
    public void Probe_StoppedServices_AreNotConditions()
    {
        var host = CoexistenceHosts.Baseline();
        host.AddService("RemoteAccess", "Running");

        var report = CoexistenceHosts.Probe(host).Probe();

        report.Has("hyperV").Should().BeFalse();
        report.Has("clusterService").Should().BeFalse();
        report.Has("natOrIcs").Should().BeFalse();
    }

    [Fact]
    public void Probe_WinNat_IsNatEvenWithoutTheSharingService()
    {
        var host = CoexistenceHosts.Baseline();
        host.Cim.AddClass(FakeCimClassCatalog.NetNat);
        host.Cim.AddInstance(FakeCimClassCatalog.NetNat, new Dictionary<string, object?> { ["Name"] = "ContainerNat", ["InternalIPInterfaceAddressPrefix"] = "172.16.0.0/12" });

        CoexistenceHosts.Probe(host).Probe().Find("natOrIcs")!.Details.Should().Equal("NAT 'ContainerNat' for 172.16.0.0/12");
    }

    [Fact]
    public void Probe_Server2008R2_FallsBackWhereItCanAndSaysWhatIsUndetermined()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        host.Cim.AddClass(FakeCimClassCatalog.Service);
        host.AddService("ClusSvc", "Running");
        host.Cim.AddInstance(FakeCimClassCatalog.Win32NetworkAdapter, new Dictionary<string, object?>
        {
            ["DeviceID"] = "12", ["Name"] = "Microsoft Failover Cluster Virtual Adapter", ["Description"] = "Microsoft Failover Cluster Virtual Adapter",
            ["NetConnectionID"] = "Local Area Connection* 9", ["GUID"] = "{5A7C7D6E-0B1F-4C2A-9E3D-4F5A6B7C8D9E}", ["PhysicalAdapter"] = false, ["NetEnabled"] = true,
        });

        var report = CoexistenceHosts.Probe(host).Probe();

        report.Has("clusterService").Should().BeTrue();
        report.Find("netFtAdapter")!.Interfaces.Should().Equal("Local Area Connection* 9");
        report.Undetermined.Keys.Should().BeEquivalentTo("thirdPartyFilter", "networkMonitor", "networkLoadBalancing", "nicTeaming");
        report.Undetermined["networkLoadBalancing"].Should().Be("MSFT_NetAdapterBindingSettingData does not exist on this Windows version");
        report.Has("hyperV").Should().BeFalse("the vmms service is looked up even where the binding class is missing");
    }

    [Fact]
    public void Probe_ReadsDenied_LeaveConditionsUndeterminedInsteadOfFailing()
    {
        var host = CoexistenceHosts.Baseline();
        CoexistenceHosts.RowEvidence["ipsecPolicy"](host);
        host.Cim.DenyReads = true;

        var report = CoexistenceHosts.Probe(host).Probe();

        report.Detected.Should().BeEmpty();
        report.Undetermined.Keys.Should().Contain(["ipsecPolicy", "windowsFirewall", "networkLoadBalancing", "netFtAdapter"]);
        report.Undetermined["ipsecPolicy"].Should().Contain("MSFT_NetConSecRule").And.Contain("denied");
    }

    [Fact]
    public void Probe_NeverWritesToTheHost()
    {
        var host = CoexistenceHosts.Baseline();
        foreach (var evidence in CoexistenceHosts.RowEvidence.Values)
        {
            evidence(host);
        }

        CoexistenceHosts.Probe(host).Probe();

        host.Cim.Modifications.Should().BeEmpty();
        host.Cim.Invocations.Should().BeEmpty();
        host.Registry.Writes.Should().BeEmpty();
    }
}
