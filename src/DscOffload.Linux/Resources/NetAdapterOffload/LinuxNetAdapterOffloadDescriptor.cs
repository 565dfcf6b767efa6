using DscOffload.Core.Resources;
using DscOffload.Linux.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>The descriptor of <c>DscOffload.Linux/NetAdapterOffload</c>.</summary>
internal static class LinuxNetAdapterOffloadDescriptor
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = "DscOffload.Linux/NetAdapterOffload";

    private static PropertyDescriptor Count(string name, bool readOnly) => new()
    {
        Name = name, Type = PropertyType.Integer, Minimum = 0, Maximum = 65535, IsReadOnly = readOnly,
        Description = $"Number of {name} queues.",
    };

    /// <summary>The descriptor.</summary>
    public static ResourceDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Version = ProductVersion.Value,
        Platform = "Linux",
        Description = "Offload features (TSO, GSO, GRO, checksums, …) and queue counts of Linux network interfaces, through the kernel's ethtool interface.",
        Properties =
        [
            new() { Name = "name", Type = PropertyType.String, IsKey = true,
                    Description = "Interface name or pattern; * and ? wildcards; case-sensitive." },
            new() { Name = "excludeName", Type = PropertyType.StringArray,
                    Description = "Name patterns to leave out of the selection." },
            new() { Name = "includeLoopback", Type = PropertyType.Boolean, Default = false,
                    Description = "Also select loopback interfaces." },
            new() { Name = "allowNoMatch", Type = PropertyType.Boolean, Default = false,
                    Description = "Treat a selection that matches no interface as in desired state." },
            new() { Name = "features", Type = PropertyType.BooleanMap,
                    Description = $"Feature → on/off. Keys are kernel feature names (tx-tcp-segmentation, rx-gro, …) or the ethtool -K aliases {FeatureAliases.Names}; output always uses kernel names." },
            new() { Name = "channels", Type = PropertyType.Object,
                    Description = "Queue counts; one receive queue means no receive-side scaling.",
                    Members = [Count("rx", false), Count("tx", false), Count("combined", false)] },
            new() { Name = "persist", Type = PropertyType.Enum, AllowedValues = ["None", "SystemdLink", "Netplan", "NetworkManager", "Auto"], Default = "None",
                    Description = "SystemdLink also writes a systemd .link file so the state survives reboots and driver reloads; Netplan adds the offload keys to the interface's netplan definition in a netplan file of dscoffload's; NetworkManager sets ethtool keys in the NetworkManager profile(s) bound to the interface; Auto picks what manages the interface." },
            new() { Name = "ifindex", Type = PropertyType.Integer, IsReadOnly = true,
                    Description = "Kernel interface index (identity; names can change)." },
            new() { Name = "permanentAddress", Type = PropertyType.String, IsReadOnly = true,
                    Description = "Permanent hardware address where the driver reports one." },
            new() { Name = "fixedFeatures", Type = PropertyType.StringArray, IsReadOnly = true,
                    Description = "Features the device cannot change ([fixed] in ethtool -k)." },
            new() { Name = "pendingFeatures", Type = PropertyType.StringArray, IsReadOnly = true,
                    Description = "Features requested but not active (device constraints)." },
            new() { Name = "maxChannels", Type = PropertyType.Object, IsReadOnly = true,
                    Description = "Maximum queue counts the driver allows.",
                    Members = [Count("rx", true), Count("tx", true), Count("combined", true)] },
            new() { Name = "persisted", Type = PropertyType.Boolean, IsReadOnly = true, CanBeNull = true,
                    Description = "With persist: whether the picked store (.link file, netplan file, NetworkManager profile) expresses the desired state and nothing else wins." },
            new() { Name = "adapters", Type = PropertyType.ObjectArray, IsReadOnly = true,
                    Description = "Per matched interface: identity, actual values, inDesiredState, differingProperties." },
        ],
    };

    /// <summary>Properties that select interfaces rather than describe them.</summary>
    public static IReadOnlyList<string> SelectionProperties { get; } = ["name", "excludeName", "includeLoopback", "allowNoMatch"];

    /// <summary>Default value of a boolean option.</summary>
    internal static bool Flag(JObject input, string name) => input[name]?.Type == JTokenType.Boolean && input[name]!.Value<bool>();
}
