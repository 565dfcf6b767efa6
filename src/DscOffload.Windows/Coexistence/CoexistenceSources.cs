namespace DscOffload.Windows.Coexistence;

/// <summary>
/// The CIM classes, services, network component IDs and registry keys the Windows coexistence probe
/// reads (see the detection column of the coexistence table and docs/coexistence.md for sources).
/// </summary>
internal static class CoexistenceSources
{
    public const string StandardCimv2 = "ROOT/StandardCimv2";
    public const string Cimv2 = "ROOT/CIMV2";

    public const string Service = "Win32_Service";
    public const string NetAdapter = "MSFT_NetAdapter";
    public const string Win32NetworkAdapter = "Win32_NetworkAdapter";
    public const string Binding = "MSFT_NetAdapterBindingSettingData";
    public const string ConSecRule = "MSFT_NetConSecRule";
    public const string LbfoTeam = "MSFT_NetLbfoTeam";
    public const string LbfoTeamMember = "MSFT_NetLbfoTeamMember";
    public const string NetNat = "MSFT_NetNat";

    /// <summary>The NetSecurity provider's operation option that selects a policy store, as the cmdlets' -PolicyStore does.</summary>
    public const string PolicyStoreOption = "PolicyStore";

    /// <summary>The store that holds every rule in effect: local (persistent) and Group Policy (RSOP) rules.</summary>
    public const string ActiveStore = "ActiveStore";

    /// <summary>The NetAdapter provider's operation option that includes hidden adapters (NetFT is hidden).</summary>
    public const string IncludeHiddenOption = "IncludeHidden";

    public const string FirewallService = "MpsSvc";
    public const string HyperVService = "vmms";
    public const string ClusterService = "ClusSvc";
    public const string SharingService = "SharedAccess";

    /// <summary>Network Load Balancing's binding.</summary>
    public const string NlbComponent = "ms_wlbs";

    /// <summary>The Hyper-V extensible virtual switch's binding: an adapter with it enabled is attached to a switch.</summary>
    public const string HyperVSwitchComponent = "vms_pp";

    /// <summary>Network Monitor's binding.</summary>
    public const string NetworkMonitorComponent = "ms_netmon";

    /// <summary>Npcap's filter bindings start with this (INSECURE_NPCAP, INSECURE_NPCAP_WIFI).</summary>
    public const string NpcapComponentPrefix = "INSECURE_NPCAP";

    /// <summary>The InterfaceDescription of the cluster's NetFT adapter.</summary>
    public const string NetFtDescription = "Microsoft Failover Cluster Virtual Adapter";

    /// <summary>Connection security rules of the local store, where MSFT_NetConSecRule does not exist (2008/2008 R2).</summary>
    public const string LocalConSecRulesKey = @"SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\ConSecRules";

    /// <summary>Connection security rules from Group Policy.</summary>
    public const string PolicyConSecRulesKey = @"SOFTWARE\Policies\Microsoft\WindowsFirewall\ConSecRules";

    /// <summary>The legacy IPsec policy store; its ActivePolicy value names the assigned local policy.</summary>
    public const string LegacyLocalPolicyKey = @"SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local";

    /// <summary>The legacy IPsec policy assigned by Group Policy (DSIPSECPolicyName).</summary>
    public const string LegacyDomainPolicyKey = @"SOFTWARE\Policies\Microsoft\Windows\IPSec\GPTIPSECPolicy";

    /// <summary>True for the bindings of Microsoft's own components (ms_*, and vms_* of Hyper-V).</summary>
    public static bool IsMicrosoftComponent(string componentId) =>
        componentId.StartsWith("ms_", StringComparison.OrdinalIgnoreCase) || componentId.StartsWith("vms_", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for packet capture bindings (Npcap, Network Monitor).</summary>
    public static bool IsCaptureComponent(string componentId) =>
        componentId.StartsWith(NpcapComponentPrefix, StringComparison.OrdinalIgnoreCase)
        || string.Equals(componentId, NetworkMonitorComponent, StringComparison.OrdinalIgnoreCase);
}
