using DscOffload.Core.Resources;
using DscOffload.Windows.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources.NetAdapterOffload;

/// <summary>The descriptor of <c>DscOffload.Windows/NetAdapterOffload</c>; its typed settings come from <see cref="AdapterOffloadSettings"/>.</summary>
public static class WindowsNetAdapterOffloadDescriptor
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = AdapterOffloadSettings.TypeName;

    /// <summary>Properties that select adapters rather than describe them.</summary>
    public static IReadOnlyList<string> SelectionProperties { get; } = ["name", "interfaceDescription", "excludeName", "includeHidden", "allowNoMatch"];

    /// <summary>The descriptor.</summary>
    public static ResourceDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Version = ProductVersion.Value,
        Platform = "Windows",
        Description = "Per-adapter offloads of Windows network adapters: LSO, checksum offload, RSS, RSC, TCP connection offload, IPsec offload and NDIS advanced properties.",
        Properties = Build(),
        CrossPropertyRule = TypedSettingAlsoInAdvancedProperties,
    };

    /// <summary>
    /// A typed setting and an <c>advancedProperties</c> entry for the NDIS keyword behind it (its row in the
    /// settings table) write the same registry value; which one wins would depend on write order, so the
    /// document is refused instead.
    /// </summary>
    private static (string Message, JToken At)? TypedSettingAlsoInAdvancedProperties(JObject input)
    {
        if (input["advancedProperties"] is not JObject advanced)
        {
            return null;
        }

        foreach (var entry in advanced.Properties())
        {
            // A grouped keyword (TCP and UDP checksum together) counts for each typed setting it holds.
            var typed = AdapterOffloadSettings.All.FirstOrDefault(s =>
                s.NdisKeywords.Contains(entry.Name, StringComparer.OrdinalIgnoreCase) && input[s.Name] is { Type: not JTokenType.Null });
            if (typed is not null)
            {
                var keyword = typed.NdisKeywords.First(k => string.Equals(k, entry.Name, StringComparison.OrdinalIgnoreCase));
                return ($"'advancedProperties.{entry.Name}' and '{typed.Name}' both set the driver keyword {keyword}; keep only one of them", entry.Value);
            }
        }

        return null;
    }

    private static List<PropertyDescriptor> Build()
    {
        var list = new List<PropertyDescriptor>
        {
            new() { Name = "name", Type = PropertyType.String, IsKey = true,
                    Description = "Adapter name (ifAlias) or pattern; * and ? wildcards; case-insensitive." },
            new() { Name = "interfaceDescription", Type = PropertyType.String,
                    Description = "Optional interface description pattern (wildcards) that must also match." },
            new() { Name = "excludeName", Type = PropertyType.StringArray, Description = "Name patterns to leave out." },
            new() { Name = "includeHidden", Type = PropertyType.Boolean, Default = false, Description = "Also select hidden adapters." },
            new() { Name = "allowNoMatch", Type = PropertyType.Boolean, Default = false,
                    Description = "Treat a selection that matches no adapter as in desired state." },
        };
        foreach (var setting in AdapterOffloadSettings.All)
        {
            list.Add(setting switch
            {
                { ValueNames: { } names } => new() { Name = setting.Name, Type = PropertyType.Enum, AllowedValues = names, Description = setting.Description },
                { IsNumber: true } => new() { Name = setting.Name, Type = PropertyType.Integer, Minimum = setting.Minimum, Maximum = setting.Maximum, Description = setting.Description },
                _ => new() { Name = setting.Name, Type = PropertyType.Boolean, Description = setting.Description },
            });
        }

        list.Add(new() { Name = "advancedProperties", Type = PropertyType.StringMap,
                         Description = "NDIS keyword → registry value string (MSFT_NetAdapterAdvancedPropertySettingData.RegistryValue)." });
        list.Add(new() { Name = "restart", Type = PropertyType.Enum, AllowedValues = ["Allowed", "Never"], Default = "Allowed",
                         Description = "Allowed: restart each changed adapter once after all of its changes. Never: write only and report the pending restart." });
        list.Add(new() { Name = "interfaceGuid", Type = PropertyType.String, IsReadOnly = true, Description = "Stable adapter identity." });
        list.Add(new() { Name = "restartPending", Type = PropertyType.Boolean, IsReadOnly = true,
                         Description = "Changes are written but the adapter has not been restarted." });
        list.Add(new() { Name = "operationalState", Type = PropertyType.Object, IsReadOnly = true,
                         Description = "Whether a setting is in effect, where Windows reports it (MSFT_NetAdapterRscSettingData IPv4/IPv6OperationalState and FailureReason): Operational, NotOperational or the failure reason.",
                         Members = [.. AdapterOperationalStates.All.Select(o => new PropertyDescriptor
                         {
                             Name = o.Setting, Type = PropertyType.Enum, AllowedValues = AdapterOperationalStates.Values,
                             Description = $"{o.CimClass}.{o.StateProperty} and {o.ReasonProperty}.",
                         })] });
        list.Add(new() { Name = "adapters", Type = PropertyType.ObjectArray, IsReadOnly = true,
                         Description = "Per matched adapter: identity, actual values, inDesiredState, differingProperties, operationalState, and notOperational for settings requested on that Windows reports not in effect." });
        return list;
    }
}
