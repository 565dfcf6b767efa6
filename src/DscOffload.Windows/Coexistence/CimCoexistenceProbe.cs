using DscOffload.Core.Coexistence;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Registry;

namespace DscOffload.Windows.Coexistence;

/// <summary>
/// The live Windows coexistence probe: finds the KB 951037 conditions through CIM and the registry
/// (services in Win32_Service, adapter bindings in MSFT_NetAdapterBindingSettingData, NIC teams, the
/// NetFT adapter, WinNAT, IPsec rules and policies). It only reads. A class this Windows version lacks
/// marks the conditions it would show as undetermined, with the reason, instead of failing.
/// </summary>
internal sealed class CimCoexistenceProbe : ICoexistenceProbe
{
    private static readonly Dictionary<string, object> IncludeHidden = new() { [CoexistenceSources.IncludeHiddenOption] = true };

    private readonly ICimGateway _cim;
    private readonly IpsecPolicyDetector _ipsec;

    /// <summary>Creates the probe over the given gateways (live: MI and the Win32 registry; tests: fakes).</summary>
    public CimCoexistenceProbe(ICimGateway cim, IRegistryGateway registry)
    {
        _cim = cim;
        _ipsec = new IpsecPolicyDetector(cim, registry);
    }

    /// <inheritdoc />
    public CoexistenceReport Probe()
    {
        var report = new CoexistenceReport();
        DetectServices(report);
        DetectBindings(report);
        _ipsec.Detect(report);
        DetectTeams(report);
        DetectNetFt(report);
        DetectNat(report);
        return report;
    }

    private void DetectServices(CoexistenceReport report)
    {
        foreach (var (id, service) in (ReadOnlySpan<(string, string)>)[
            ("windowsFirewall", CoexistenceSources.FirewallService),
            ("hyperV", CoexistenceSources.HyperVService),
            ("clusterService", CoexistenceSources.ClusterService),
            ("natOrIcs", CoexistenceSources.SharingService)])
        {
            var result = CimQueryResult.Run(_cim, CoexistenceSources.Cimv2, CoexistenceSources.Service, WqlLiteral.EqualsFilter("Name", service));
            if (result.Records is null)
            {
                report.MarkUndetermined(id, result.Failure!);
                continue;
            }

            foreach (var record in result.Records.Where(r => string.Equals(r.GetString("State"), "Running", StringComparison.OrdinalIgnoreCase)))
            {
                var display = record.GetString("DisplayName") is { Length: > 0 } d ? $" ({d})" : "";
                report.Add(id, $"{CoexistenceSources.Service} '{service}'", [$"service {service}{display} is Running"]);
            }
        }
    }

    private void DetectBindings(CoexistenceReport report)
    {
        var result = CimQueryResult.Run(_cim, CoexistenceSources.StandardCimv2, CoexistenceSources.Binding);
        if (result.Records is null)
        {
            // Hyper-V is still known from its vmms service; the binding only names the switch-attached adapters.
            foreach (var id in (string[])["thirdPartyFilter", "networkMonitor", "networkLoadBalancing"])
            {
                report.MarkUndetermined(id, result.Failure!);
            }

            return;
        }

        var enabled = result.Records
            .Where(r => r.GetBoolean("Enabled") == true && r.GetString("ComponentID") is { Length: > 0 })
            .GroupBy(r => r.GetString("ComponentID")!, StringComparer.OrdinalIgnoreCase);
        foreach (var component in enabled)
        {
            var id = component.Key;
            var adapters = component.Select(r => r.GetString("Name") ?? "?").Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var display = component.First().GetString("DisplayName") is { Length: > 0 } d ? $"{d} ({id})" : id;
            var condition = CoexistenceSources.IsCaptureComponent(id) ? "networkMonitor"
                : string.Equals(id, CoexistenceSources.NlbComponent, StringComparison.OrdinalIgnoreCase) ? "networkLoadBalancing"
                : string.Equals(id, CoexistenceSources.HyperVSwitchComponent, StringComparison.OrdinalIgnoreCase) ? "hyperV"
                : CoexistenceSources.IsMicrosoftComponent(id) ? null
                : "thirdPartyFilter";
            if (condition is null)
            {
                continue;
            }

            var detail = condition == "hyperV"
                ? $"{string.Join(", ", adapters)} attached to a Hyper-V switch ({id} bound)"
                : $"{display} bound to {string.Join(", ", adapters)}";
            report.Add(condition, CoexistenceSources.Binding, [detail], adapters);
        }
    }

    private void DetectTeams(CoexistenceReport report)
    {
        var teams = CimQueryResult.Run(_cim, CoexistenceSources.StandardCimv2, CoexistenceSources.LbfoTeam);
        if (teams.Records is null)
        {
            report.MarkUndetermined("nicTeaming", $"{teams.Failure}; vendor teaming drivers are not detected");
            return;
        }

        if (teams.Records.Count == 0)
        {
            return;
        }

        var members = CimQueryResult.Run(_cim, CoexistenceSources.StandardCimv2, CoexistenceSources.LbfoTeamMember).OrEmpty;
        var details = new List<string>();
        var interfaces = new List<string>();
        foreach (var team in teams.Records)
        {
            var name = team.GetString("Name") ?? "?";
            var own = members.Where(m => string.Equals(m.GetString("Team"), name, StringComparison.OrdinalIgnoreCase)).Select(m => m.GetString("Name") ?? "?").ToList();
            details.Add($"team '{name}' ({TeamingMode(team.GetNumber("TeamingMode"))}) with members {(own.Count == 0 ? "unknown" : string.Join(", ", own))}");
            interfaces.Add(name);
            interfaces.AddRange(own);
        }

        report.Add("nicTeaming", CoexistenceSources.LbfoTeam, details, interfaces);
    }

    private void DetectNetFt(CoexistenceReport report)
    {
        var adapters = CimQueryResult.Run(_cim, CoexistenceSources.StandardCimv2, CoexistenceSources.NetAdapter,
            WqlLiteral.EqualsFilter("InterfaceDescription", CoexistenceSources.NetFtDescription), IncludeHidden);
        var source = CoexistenceSources.NetAdapter;
        var names = adapters.Records?.Select(r => r.GetString("Name") ?? CoexistenceSources.NetFtDescription).ToList();
        if (adapters.ClassMissing)
        {
            var legacy = CimQueryResult.Run(_cim, CoexistenceSources.Cimv2, CoexistenceSources.Win32NetworkAdapter,
                WqlLiteral.EqualsFilter("Name", CoexistenceSources.NetFtDescription));
            source = CoexistenceSources.Win32NetworkAdapter;
            names = legacy.Records?.Select(r => r.GetString("NetConnectionID") ?? CoexistenceSources.NetFtDescription).ToList();
            adapters = legacy;
        }

        if (names is null)
        {
            report.MarkUndetermined("netFtAdapter", adapters.Failure!);
        }
        else if (names.Count > 0)
        {
            report.Add("netFtAdapter", source, names.Select(n => $"adapter '{n}' ({CoexistenceSources.NetFtDescription})"), names);
        }
    }

    private void DetectNat(CoexistenceReport report)
    {
        // MSFT_NetNat exists only where WinNAT is installed; its absence just means no WinNAT.
        var nat = CimQueryResult.Run(_cim, CoexistenceSources.StandardCimv2, CoexistenceSources.NetNat);
        if (nat.Records is { Count: > 0 } instances)
        {
            report.Add("natOrIcs", CoexistenceSources.NetNat,
                instances.Select(n => $"NAT '{n.GetString("Name") ?? "?"}' for {n.GetString("InternalIPInterfaceAddressPrefix") ?? "?"}"));
        }
    }

    private static string TeamingMode(ulong? mode) => mode switch
    {
        0 => "Static",
        1 => "SwitchIndependent",
        2 => "Lacp",
        _ => "unknown mode",
    };
}
