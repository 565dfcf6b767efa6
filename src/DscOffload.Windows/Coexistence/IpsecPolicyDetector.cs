using DscOffload.Core.Coexistence;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Registry;

namespace DscOffload.Windows.Coexistence;

/// <summary>
/// Finds applied IPsec policy, the condition KB 951037 says stops all chimney offload: enabled
/// connection security rules that request or require security (MSFT_NetConSecRule in the ActiveStore,
/// which holds local and Group Policy rules; the registry stores where the class does not exist), and
/// an assigned legacy IPsec policy (the IPsec Policy Agent's local or Group Policy assignment).
/// </summary>
internal sealed class IpsecPolicyDetector(ICimGateway cim, IRegistryGateway registry)
{
    private const string Id = "ipsecPolicy";
    private static readonly string[] SecurityNames = ["Never", "Request", "Require"];

    /// <summary>Adds the detection (or the reason it could not be made) to <paramref name="report"/>.</summary>
    public void Detect(CoexistenceReport report)
    {
        var rules = CimQueryResult.Run(cim, CoexistenceSources.StandardCimv2, CoexistenceSources.ConSecRule, null,
            new Dictionary<string, object> { [CoexistenceSources.PolicyStoreOption] = CoexistenceSources.ActiveStore });
        if (rules.Records is { } records)
        {
            var applied = records.Where(AppliesSecurity).Select(Describe).ToList();
            if (applied.Count > 0)
            {
                report.Add(Id, $"{CoexistenceSources.ConSecRule} ({CoexistenceSources.ActiveStore})", applied);
            }
        }
        else if (rules.ClassMissing)
        {
            DetectRegistryRules(report, CoexistenceSources.LocalConSecRulesKey, "local policy");
            DetectRegistryRules(report, CoexistenceSources.PolicyConSecRulesKey, "Group Policy");
        }

        DetectLegacyPolicy(report);
        if (rules.Failure is { } failure && !rules.ClassMissing)
        {
            report.MarkUndetermined(Id, failure);
        }
    }

    private static bool AppliesSecurity(CimRecord rule) =>
        rule.GetNumber("Enabled") == 1 && (rule.GetNumber("InboundSecurity") > 0 || rule.GetNumber("OutboundSecurity") > 0);

    private static string Describe(CimRecord rule)
    {
        var name = rule.GetString("DisplayName") ?? rule.GetString("ElementName") ?? rule.GetString("InstanceID") ?? "?";
        var text = $"connection security rule '{name}' (inbound {Security(rule.GetNumber("InboundSecurity"))}, outbound {Security(rule.GetNumber("OutboundSecurity"))})";
        return rule.GetString("PolicyStoreSource") is { Length: > 0 } store ? $"{text} from {store}" : text;
    }

    private static string Security(ulong? value) => value is { } n && n < (ulong)SecurityNames.Length ? SecurityNames[n] : "?";

    /// <summary>
    /// Reads the rule strings of a Windows Firewall policy store (<c>v2.10|Action=SecureServer|Active=TRUE|Name=…|</c>)
    /// and reports the active ones.
    /// </summary>
    private void DetectRegistryRules(CoexistenceReport report, string key, string store)
    {
        var active = new List<string>();
        foreach (var valueName in registry.ValueNames(key))
        {
            if (registry.Read(key, valueName)?.Text is not { } text)
            {
                continue;
            }

            var fields = text.Split('|').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.OrdinalIgnoreCase);
            if (fields.TryGetValue("Active", out var isActive) && string.Equals(isActive, "TRUE", StringComparison.OrdinalIgnoreCase))
            {
                var name = fields.GetValueOrDefault("Name") ?? valueName;
                active.Add($"connection security rule '{name}' ({(fields.TryGetValue("Action", out var action) ? "Action=" + action : "no action")}) in the {store} store");
            }
        }

        if (active.Count > 0)
        {
            report.Add(Id, $@"HKLM\{key}", active);
        }
    }

    private void DetectLegacyPolicy(CoexistenceReport report)
    {
        if (registry.Read(CoexistenceSources.LegacyLocalPolicyKey, "ActivePolicy")?.Text is { Length: > 0 } path)
        {
            var key = path.StartsWith(@"HKEY_LOCAL_MACHINE\", StringComparison.OrdinalIgnoreCase) ? path[@"HKEY_LOCAL_MACHINE\".Length..] : path;
            var name = registry.Read(key, "ipsecName")?.Text ?? key[(key.LastIndexOf('\\') + 1)..];
            report.Add(Id, $@"HKLM\{CoexistenceSources.LegacyLocalPolicyKey}", [$"assigned IPsec policy '{name}' (local)"]);
        }

        if (registry.Read(CoexistenceSources.LegacyDomainPolicyKey, "DSIPSECPolicyName")?.Text is { Length: > 0 } domain)
        {
            report.Add(Id, $@"HKLM\{CoexistenceSources.LegacyDomainPolicyKey}", [$"assigned IPsec policy '{domain}' (Group Policy)"]);
        }
    }
}
