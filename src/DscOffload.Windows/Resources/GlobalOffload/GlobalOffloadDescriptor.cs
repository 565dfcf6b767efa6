using DscOffload.Core.Resources;
using DscOffload.Windows.Settings;

namespace DscOffload.Windows.Resources.GlobalOffload;

/// <summary>The descriptor of <c>DscOffload.Windows/GlobalOffload</c>, built from its settings table.</summary>
public static class GlobalOffloadDescriptor
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = GlobalOffloadSettings.TypeName;

    /// <summary>The descriptor.</summary>
    public static ResourceDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Version = ProductVersion.Value,
        Platform = "Windows",
        Description = "Host-wide TCP/IP offload settings of Windows: TCP Chimney, RSS, RSC, task offload (MSFT_NetOffloadGlobalSetting) and the Tcpip\\Parameters registry switches.",
        Properties =
        [
            .. GlobalOffloadSettings.CimSettings.Select(s => new PropertyDescriptor
            {
                Name = s.Name, Type = PropertyType.Enum, AllowedValues = s.ValueNames, Description = s.Description,
            }),
            new()
            {
                Name = "tcpipParameters", Type = PropertyType.Object,
                Description = $"REG_DWORD switches under HKLM\\{GlobalOffloadSettings.TcpipParametersKey}; null = value absent (Windows default). Changes take effect after a restart.",
                Members =
                [
                    .. GlobalOffloadSettings.TcpipParameters.Select(p => new PropertyDescriptor
                    {
                        Name = p.Name, Type = PropertyType.Boolean, CanBeNull = true, Description = p.Description,
                    }),
                ],
            },
        ],
        CanonicalProperties = CanonicalPropertySet.Standard,
    };
}
