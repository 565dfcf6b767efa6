using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Tests.Fakes;

/// <summary>
/// The classes the offload platform uses, with the types and access the Windows documentation gives
/// (MSFT_NetAdapter*, MSFT_NetOffloadGlobalSetting in ROOT/StandardCimv2, Win32_NetworkAdapter in
/// ROOT/CIMV2). Only the properties the platform or the seeds touch are listed. The RSS and RSC classes
/// follow learn.microsoft.com/windows/win32/fwp/wmi/netadaptercimprov/msft-netadapterrsssettingdata and
/// …/msft-netadapterrscsettingdata: Profile, the processor numbers and groups, MaxProcessors, NumaNode and
/// NumberOfReceiveQueues are read/write, the capabilities, hash flags and operational states read-only.
/// </summary>
internal static class FakeCimClassCatalog
{
    public const string StandardCimv2 = "ROOT/StandardCimv2";
    public const string Cimv2 = "ROOT/CIMV2";

    public const string NetAdapter = "MSFT_NetAdapter";
    public const string GlobalSetting = "MSFT_NetOffloadGlobalSetting";
    public const string Lso = "MSFT_NetAdapterLsoSettingData";
    public const string Checksum = "MSFT_NetAdapterChecksumOffloadSettingData";
    public const string Rss = "MSFT_NetAdapterRssSettingData";
    public const string Rsc = "MSFT_NetAdapterRscSettingData";
    public const string IPsecOffload = "MSFT_NetAdapterIPsecOffloadV2SettingData";
    public const string AdvancedProperty = "MSFT_NetAdapterAdvancedPropertySettingData";
    public const string Win32NetworkAdapter = "Win32_NetworkAdapter";
    public const string Service = "Win32_Service";
    public const string Binding = "MSFT_NetAdapterBindingSettingData";
    public const string ConSecRule = "MSFT_NetConSecRule";
    public const string LbfoTeam = "MSFT_NetLbfoTeam";
    public const string LbfoTeamMember = "MSFT_NetLbfoTeamMember";
    public const string NetNat = "MSFT_NetNat";
    public const string OperatingSystem = "Win32_OperatingSystem";

    /// <summary>The classes the coexistence probe reads that exist on Server 2012 and later (MSFT_NetNat only with WinNAT).</summary>
    public static IReadOnlyList<string> CoexistenceClasses { get; } = [Service, Binding, ConSecRule, LbfoTeam, LbfoTeamMember];

    /// <summary>Every per-adapter setting-data class.</summary>
    public static IReadOnlyList<string> SettingDataClasses { get; } = [Lso, Checksum, Rss, Rsc, IPsecOffload, AdvancedProperty];

    /// <summary>Every class that exists on Windows 8 / Server 2012 and later.</summary>
    public static IReadOnlyList<string> ModernClasses { get; } = [NetAdapter, GlobalSetting, .. SettingDataClasses];

    public static IReadOnlyDictionary<string, FakeCimClassSchema> Classes { get; } = Build();

    public static FakeCimClassSchema Get(string className) =>
        Classes.TryGetValue(className, out var schema) ? schema : throw new ArgumentException($"no schema for {className}", nameof(className));

    private static IReadOnlyDictionary<string, CimValueType> ChecksumMethod() => new Dictionary<string, CimValueType>(StringComparer.OrdinalIgnoreCase)
    {
        ["IpIPv4"] = CimValueType.Boolean,
        ["TcpIPv4"] = CimValueType.Boolean,
        ["TcpIPv6"] = CimValueType.Boolean,
        ["UdpIPv4"] = CimValueType.Boolean,
        ["UdpIPv6"] = CimValueType.Boolean,
        ["RxTxControl"] = CimValueType.UInt32,
    };

    private static Dictionary<string, FakeCimClassSchema> Build()
    {
        static FakeCimPropertySchema R(CimValueType t) => new(t, ReadOnly: true);
        static FakeCimPropertySchema W(CimValueType t) => new(t, ReadOnly: false);

        var settingDataBase = new Dictionary<string, FakeCimPropertySchema>
        {
            ["InstanceID"] = R(CimValueType.String),
            ["Name"] = R(CimValueType.String),
            ["InterfaceDescription"] = R(CimValueType.String),
            ["Source"] = R(CimValueType.UInt32),
            ["SystemName"] = R(CimValueType.String),
        };

        FakeCimClassSchema SettingData(string name, Dictionary<string, FakeCimPropertySchema> own, params string[] methods) =>
            SettingDataWithMethods(name, own, methods.ToDictionary(m => m, _ => (IReadOnlyDictionary<string, CimValueType>?)null));

        FakeCimClassSchema SettingDataWithMethods(string name, Dictionary<string, FakeCimPropertySchema> own, Dictionary<string, IReadOnlyDictionary<string, CimValueType>?> methods)
        {
            foreach (var (k, v) in settingDataBase)
            {
                own[k] = v;
            }

            var parameters = methods.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!);
            return new(StandardCimv2, name, ["InstanceID"], own, [.. methods.Keys], parameters);
        }

        static IReadOnlyDictionary<string, CimValueType> In(params (string Name, CimValueType Type)[] parameters) =>
            parameters.ToDictionary(p => p.Name, p => p.Type, StringComparer.OrdinalIgnoreCase);

        var classes = new[]
        {
            new FakeCimClassSchema(StandardCimv2, NetAdapter, ["CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["CreationClassName"] = R(CimValueType.String),
                ["DeviceID"] = R(CimValueType.String),
                ["SystemCreationClassName"] = R(CimValueType.String),
                ["SystemName"] = R(CimValueType.String),
                ["Name"] = R(CimValueType.String),
                ["InterfaceDescription"] = R(CimValueType.String),
                ["InterfaceGuid"] = R(CimValueType.String),
                ["InterfaceIndex"] = R(CimValueType.UInt32),
                ["Hidden"] = R(CimValueType.Boolean),
                ["Virtual"] = R(CimValueType.Boolean),
            }, ["Disable", "Enable", "Lock", "Rename", "Restart", "Unlock"]),
            new FakeCimClassSchema(StandardCimv2, GlobalSetting, ["InstanceID"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["InstanceID"] = R(CimValueType.String),
                ["ElementName"] = R(CimValueType.String),
                ["ReceiveSideScaling"] = W(CimValueType.UInt8),
                ["ReceiveSegmentCoalescing"] = W(CimValueType.UInt8),
                ["Chimney"] = W(CimValueType.UInt8),
                ["TaskOffload"] = W(CimValueType.UInt8),
                ["NetworkDirect"] = W(CimValueType.UInt8),
                ["NetworkDirectAcrossIPSubnets"] = W(CimValueType.UInt8),
                ["PacketCoalescingFilter"] = W(CimValueType.UInt8),
            }, []),
            SettingDataWithMethods(Lso, new()
            {
                ["V1IPv4Enabled"] = W(CimValueType.Boolean),
                ["IPv4Enabled"] = W(CimValueType.Boolean),
                ["IPv6Enabled"] = W(CimValueType.Boolean),
                ["MaximumLsoVersionSupported"] = R(CimValueType.UInt32),
            }, new()
            {
                // enable-msft-netadapterlsosettingdata, disable-…: uint32 Enable/Disable([in] boolean IPv4, [in] boolean IPv6, [out] string cmdletOutput).
                ["Enable"] = In(("IPv4", CimValueType.Boolean), ("IPv6", CimValueType.Boolean)),
                ["Disable"] = In(("IPv4", CimValueType.Boolean), ("IPv6", CimValueType.Boolean)),
            }),
            SettingDataWithMethods(Checksum, new()
            {
                ["IpIPv4Enabled"] = W(CimValueType.UInt32),
                ["TcpIPv4Enabled"] = W(CimValueType.UInt32),
                ["TcpIPv6Enabled"] = W(CimValueType.UInt32),
                ["UdpIPv4Enabled"] = W(CimValueType.UInt32),
                ["UdpIPv6Enabled"] = W(CimValueType.UInt32),
            }, new()
            {
                // enable-msft-netadapterchecksumoffloadsettingdata: booleans IpIPv4, TcpIPv4, TcpIPv6, UdpIPv4, UdpIPv6 and uint32 RxTxControl ("TBD").
                ["Enable"] = ChecksumMethod(),
                ["Disable"] = ChecksumMethod(),
            }),
            SettingDataWithMethods(Rss, new()
            {
                ["Enabled"] = W(CimValueType.Boolean),
                ["NumberOfReceiveQueues"] = W(CimValueType.UInt32),
                ["Profile"] = W(CimValueType.UInt32),
                ["BaseProcessorGroup"] = W(CimValueType.UInt16),
                ["BaseProcessorNumber"] = W(CimValueType.UInt8),
                ["MaxProcessorGroup"] = W(CimValueType.UInt16),
                ["MaxProcessorNumber"] = W(CimValueType.UInt8),
                ["MaxProcessors"] = W(CimValueType.UInt32),
                ["NumaNode"] = W(CimValueType.UInt16),
                ["NumberOfInterruptMessages"] = R(CimValueType.UInt32),
                ["IndirectionTableEntryCount"] = R(CimValueType.UInt16),
                ["RssProcessorArraySize"] = R(CimValueType.UInt32),
            }, new()
            {
                // enable-msft-netadapterrsssettingdata, disable-…: uint32 Enable([out] string cmdletOutput), no [in] parameter.
                ["Enable"] = In(),
                ["Disable"] = In(),
            }),
            SettingDataWithMethods(Rsc, new()
            {
                ["IPv4Enabled"] = W(CimValueType.Boolean),
                ["IPv6Enabled"] = W(CimValueType.Boolean),
                ["IPv4OperationalState"] = R(CimValueType.Boolean),
                ["IPv6OperationalState"] = R(CimValueType.Boolean),
                ["IPv4FailureReason"] = R(CimValueType.UInt32),
                ["IPv6FailureReason"] = R(CimValueType.UInt32),
                ["RscHardwareCapabilities"] = R(CimValueType.String),
            }, new()
            {
                // enable-msft-netadapterrscsettingdata: uint32 Enable([in] boolean IPv4, [in] boolean IPv6, [out] string cmdletOutput).
                ["Enable"] = In(("IPv4", CimValueType.Boolean), ("IPv6", CimValueType.Boolean)),
                ["Disable"] = In(("IPv4", CimValueType.Boolean), ("IPv6", CimValueType.Boolean)),
            }),
            // msft-netadapteripsecoffloadv2settingdata: Enabled is the only read/write property; the capabilities and
            // the *Enabled details are read-only. Its methods take NoRestart and PassThru (set-…, enable-…, disable-…).
            SettingDataWithMethods(IPsecOffload, new()
            {
                ["Enabled"] = W(CimValueType.Boolean),
                ["IPv6Enabled"] = R(CimValueType.Boolean),
                ["AhEnabled"] = R(CimValueType.Boolean),
                ["EspEnabled"] = R(CimValueType.Boolean),
                ["AhEspCombinedEnabled"] = R(CimValueType.Boolean),
                ["LsoEnabled"] = R(CimValueType.Boolean),
                ["UdpEspEnabled"] = R(CimValueType.UInt32),
            }, new()
            {
                ["Enable"] = In(("NoRestart", CimValueType.Boolean), ("PassThru", CimValueType.Boolean)),
                ["Disable"] = In(("NoRestart", CimValueType.Boolean), ("PassThru", CimValueType.Boolean)),
                ["Set"] = In(("Enabled", CimValueType.Boolean), ("NoRestart", CimValueType.Boolean), ("PassThru", CimValueType.Boolean)),
            }),
            SettingData(AdvancedProperty, new()
            {
                ["RegistryKeyword"] = W(CimValueType.String),
                ["RegistryValue"] = W(CimValueType.StringArray),
                // msft-netadapteradvancedpropertysettingdata: RegistryKeyword, RegistryValue, RegistryDataType and
                // DisplayValue are read/write; DisplayName, DisplayParameterType and the valid and default values read-only.
                ["RegistryDataType"] = W(CimValueType.UInt32),
                ["DisplayName"] = R(CimValueType.String),
                ["DisplayValue"] = W(CimValueType.String),
                ["DisplayParameterType"] = R(CimValueType.UInt32),
                ["DefaultRegistryValue"] = R(CimValueType.String),
                ["DefaultDisplayValue"] = R(CimValueType.String),
                ["ValidRegistryValues"] = R(CimValueType.StringArray),
                ["ValidDisplayValues"] = R(CimValueType.StringArray),
                // Strings in the class documentation, null for keywords that are not numeric.
                ["NumericParameterBaseValue"] = R(CimValueType.String),
                ["NumericParameterMinValue"] = R(CimValueType.String),
                ["NumericParameterMaxValue"] = R(CimValueType.String),
                ["NumericParameterStepValue"] = R(CimValueType.String),
                ["Optional"] = R(CimValueType.Boolean),
            }, "Reset"),
            // learn.microsoft.com/windows/win32/cimwin32prov/win32-operatingsystem: Name is the key; BuildNumber ("17763") and
            // Version ("10.0.17763") are read-only strings.
            new FakeCimClassSchema(Cimv2, OperatingSystem, ["Name"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["Name"] = R(CimValueType.String),
                ["Caption"] = R(CimValueType.String),
                ["BuildNumber"] = R(CimValueType.String),
                ["Version"] = R(CimValueType.String),
            }, []),
            new FakeCimClassSchema(Cimv2, Service, ["Name"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["Name"] = R(CimValueType.String),
                ["DisplayName"] = R(CimValueType.String),
                ["State"] = R(CimValueType.String),
                ["StartMode"] = R(CimValueType.String),
            }, ["StartService", "StopService"]),
            SettingData(Binding, new()
            {
                ["Enabled"] = W(CimValueType.Boolean),
                ["DisplayName"] = R(CimValueType.String),
                ["ComponentID"] = R(CimValueType.String),
                ["BindName"] = R(CimValueType.String),
            }, "Enable", "Disable"),
            new FakeCimClassSchema(StandardCimv2, ConSecRule, ["InstanceID"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["InstanceID"] = R(CimValueType.String),
                ["DisplayName"] = R(CimValueType.String),
                ["ElementName"] = R(CimValueType.String),
                ["Enabled"] = R(CimValueType.UInt16),
                ["InboundSecurity"] = R(CimValueType.UInt16),
                ["OutboundSecurity"] = R(CimValueType.UInt16),
                ["Mode"] = R(CimValueType.UInt16),
                ["PolicyStoreSource"] = R(CimValueType.String),
            }, ["Enable", "Disable"]),
            new FakeCimClassSchema(StandardCimv2, LbfoTeam, ["InstanceID"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["InstanceID"] = R(CimValueType.String),
                ["Name"] = R(CimValueType.String),
                ["TeamingMode"] = R(CimValueType.UInt32),
                ["LoadBalancingAlgorithm"] = R(CimValueType.UInt32),
                ["Status"] = R(CimValueType.UInt32),
            }, ["Rename"]),
            new FakeCimClassSchema(StandardCimv2, LbfoTeamMember, ["InstanceID"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["InstanceID"] = R(CimValueType.String),
                ["Name"] = R(CimValueType.String),
                ["InterfaceDescription"] = R(CimValueType.String),
                ["Team"] = R(CimValueType.String),
                ["AdministrativeMode"] = R(CimValueType.UInt32),
                ["OperationalMode"] = R(CimValueType.UInt32),
            }, []),
            new FakeCimClassSchema(StandardCimv2, NetNat, ["Name"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["Name"] = R(CimValueType.String),
                ["InternalIPInterfaceAddressPrefix"] = R(CimValueType.String),
            }, []),
            new FakeCimClassSchema(Cimv2, Win32NetworkAdapter, ["DeviceID"], new Dictionary<string, FakeCimPropertySchema>
            {
                ["DeviceID"] = R(CimValueType.String),
                ["Name"] = R(CimValueType.String),
                ["Description"] = R(CimValueType.String),
                ["NetConnectionID"] = W(CimValueType.String),
                ["GUID"] = R(CimValueType.String),
                ["PhysicalAdapter"] = R(CimValueType.Boolean),
                ["NetEnabled"] = R(CimValueType.Boolean),
            }, ["Disable", "Enable"]),
        };

        return classes.ToDictionary(c => c.ClassName, StringComparer.OrdinalIgnoreCase);
    }
}
