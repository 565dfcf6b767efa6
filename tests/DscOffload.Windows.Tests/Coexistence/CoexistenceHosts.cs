using DscOffload.Core.Coexistence;
using DscOffload.Windows.Coexistence;
using DscOffload.Windows.Registry;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Coexistence;

/// <summary>
/// Fake Windows hosts for the coexistence probe: a baseline on which no condition of the KB 951037
/// table holds, and for every row of the table the evidence that makes it hold, as the documented
/// classes, services, bindings and registry keys show it.
/// </summary>
internal static class CoexistenceHosts
{
    /// <summary>The Windows table, as the product reads it.</summary>
    public static PlatformCoexistenceTable Table => CoexistenceTable.ForPlatform("Windows")!;

    /// <summary>
    /// A Server 2019-style host with the coexistence classes, the usual Microsoft bindings on both
    /// adapters (TCP/IP, QoS packet scheduler; NLB and the Hyper-V switch installed but unbound) and the
    /// services of the table installed but stopped.
    /// </summary>
    public static FakeWindowsHost Baseline(FakeWindowsHost? seeded = null)
    {
        var host = seeded ?? FakeWindowsHost.Load("x710-server.json");
        foreach (var className in FakeCimClassCatalog.CoexistenceClasses)
        {
            host.Cim.AddClass(className);
        }

        foreach (var adapter in (string[])["Ethernet 2", "Ethernet 3"])
        {
            host.AddBinding(adapter, "ms_tcpip", "Internet Protocol Version 4 (TCP/IPv4)", true);
            host.AddBinding(adapter, "ms_pacer", "QoS Packet Scheduler", true);
            host.AddBinding(adapter, "ms_wlbs", "Network Load Balancing (NLB)", false);
            host.AddBinding(adapter, "vms_pp", "Hyper-V Extensible Virtual Switch", false);
            host.AddBinding(adapter, "INSECURE_NPCAP", "Npcap Packet Driver (NPCAP)", false);
        }

        foreach (var service in (string[])["MpsSvc", "vmms", "ClusSvc", "SharedAccess"])
        {
            host.AddService(service, "Stopped");
        }

        return host;
    }

    /// <summary>For each row id, what makes the condition hold on a host.</summary>
    public static IReadOnlyDictionary<string, Action<FakeWindowsHost>> RowEvidence { get; } = new Dictionary<string, Action<FakeWindowsHost>>
    {
        ["windowsFirewall"] = h => h.AddService("MpsSvc", "Running", "Windows Defender Firewall"),
        ["thirdPartyFilter"] = h => h.AddBinding("Ethernet 2", "contoso_fwlwf", "Contoso Firewall NDIS Filter", true),
        ["ipsecPolicy"] = h => h.AddConnectionSecurityRule("Require IPsec between farm servers", true, 2, 2),
        ["nicTeaming"] = h =>
        {
            h.Cim.AddInstance(FakeCimClassCatalog.LbfoTeam, new Dictionary<string, object?> { ["InstanceID"] = "{TEAM-1}", ["Name"] = "Team1", ["TeamingMode"] = 1u, ["LoadBalancingAlgorithm"] = 5u, ["Status"] = 0u });
            h.Cim.AddInstance(FakeCimClassCatalog.LbfoTeamMember, new Dictionary<string, object?> { ["InstanceID"] = "{M-1}", ["Name"] = "Ethernet 2", ["Team"] = "Team1" });
            h.Cim.AddInstance(FakeCimClassCatalog.LbfoTeamMember, new Dictionary<string, object?> { ["InstanceID"] = "{M-2}", ["Name"] = "Ethernet 3", ["Team"] = "Team1" });
        },
        ["hyperV"] = h => h.AddService("vmms", "Running", "Hyper-V Virtual Machine Management"),
        ["networkMonitor"] = h => h.AddBinding("Ethernet 3", "INSECURE_NPCAP_WIFI", "Npcap Packet Driver (NPCAP) (Wi-Fi)", true),
        ["networkLoadBalancing"] = h => h.AddBinding("Ethernet 3", "ms_wlbs", "Network Load Balancing (NLB)", true),
        ["clusterService"] = h => h.AddService("ClusSvc", "Running", "Cluster Service"),
        ["netFtAdapter"] = h => h.AddAdapter(JObject.Parse("""
            { "name": "Local Area Connection* 1", "interfaceDescription": "Microsoft Failover Cluster Virtual Adapter",
              "interfaceGuid": "{0D8B3C6A-7E21-4B8F-A5C4-9E2F1D3B7A60}", "interfaceIndex": 12, "hidden": true, "virtual": true, "driverKey": "0012" }
            """)),
        ["natOrIcs"] = h => h.AddService("SharedAccess", "Running", "Internet Connection Sharing (ICS)"),
    };

    /// <summary>The probe over a fake host.</summary>
    public static CimCoexistenceProbe Probe(FakeWindowsHost host) => new(host.Cim, host.Registry);

    /// <summary>Sets a REG_SZ value, as a policy or the firewall would have written it.</summary>
    public static void SetString(this FakeRegistry registry, string key, string name, string value) =>
        registry.Set(key, name, RegistryValueData.String(value));
}
