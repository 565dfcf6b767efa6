using DscOffload.Windows.Live;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Registry;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Fakes;

/// <summary>
/// A fake Windows host: a <see cref="FakeCimGateway"/> and a <see cref="FakeRegistry"/> seeded
/// consistently from one JSON description (see TestData/README.md for the format). Each adapter's
/// NDIS keywords become both its driver key (values, <c>Ndi\params</c> metadata) and, where the class
/// exists, its <c>MSFT_NetAdapterAdvancedPropertySettingData</c> instances, so CIM and registry
/// describe the same driver state when the host is created.
/// </summary>
internal sealed class FakeWindowsHost
{
    public const string NetworkClassKey = @"SYSTEM\CurrentControlSet\Control\Class\{4d36e972-e325-11ce-bfc1-08002be10318}";
    public const string TcpipParametersKey = @"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";

    private readonly List<WindowsAdapterInfo> adapters = [];
    private readonly Dictionary<string, string> driverKeys = new(StringComparer.OrdinalIgnoreCase);

    private FakeWindowsHost(string hostName, IEnumerable<string> classes)
    {
        HostName = hostName;
        Cim = new FakeCimGateway(classes);
        Registry = new FakeRegistry();
        Registry.CreateKey(TcpipParametersKey);
        Registry.CreateKey(NetworkClassKey);
        Registry.CreateKey($@"{NetworkClassKey}\Properties");
        Registry.UnreadableKeys.Add($@"{NetworkClassKey}\Properties");
    }

    public string HostName { get; }

    public FakeCimGateway Cim { get; }

    public FakeRegistry Registry { get; }

    /// <summary>The seeded adapters as the platform identifies them.</summary>
    public IReadOnlyList<WindowsAdapterInfo> Adapters => adapters;

    /// <summary>Loads <c>TestData/<paramref name="fileName"/></c>.</summary>
    public static FakeWindowsHost Load(string fileName) =>
        FromJson(JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName))));

    /// <summary>Builds a host from its JSON description.</summary>
    public static FakeWindowsHost FromJson(JObject host)
    {
        var classes = host["cimClasses"]?.Values<string>().OfType<string>() ?? [];
        var fake = new FakeWindowsHost((string?)host["hostName"] ?? "HOST", classes);
        if (host["globalSetting"] is JObject global && fake.Cim.HasClass(FakeCimClassCatalog.GlobalSetting))
        {
            var values = Plain(global);
            values["InstanceID"] = "{NetOffloadGlobalSetting}";
            fake.Cim.AddInstance(FakeCimClassCatalog.GlobalSetting, values);
        }

        if (host["tcpipParameters"] is JObject tcpip)
        {
            foreach (var (name, value) in tcpip)
            {
                fake.Registry.Set(TcpipParametersKey, name, RegistryValueData.DWord((uint)value!));
            }
        }

        foreach (var adapter in host["adapters"]?.OfType<JObject>() ?? [])
        {
            fake.AddAdapter(adapter);
        }

        foreach (var (name, state) in host["services"] as JObject ?? [])
        {
            fake.AddService(name, (string)state!);
        }

        foreach (var binding in host["bindings"]?.OfType<JObject>() ?? [])
        {
            fake.AddBinding((string)binding["adapter"]!, (string)binding["componentId"]!, (string)binding["displayName"]!, (bool?)binding["enabled"] ?? true);
        }

        foreach (var (className, list) in host["cimInstances"] as JObject ?? [])
        {
            foreach (var values in list?.OfType<JObject>() ?? [])
            {
                fake.Cim.AddInstance(className, Plain(values));
            }
        }

        if (host["osVersion"]?.Type == JTokenType.String)
        {
            fake.SetOsVersion((string)host["osVersion"]!);
        }

        foreach (var value in host["registry"]?.OfType<JObject>() ?? [])
        {
            fake.Registry.Set((string)value["key"]!, (string)value["name"]!, RegistryValueData.String((string)value["data"]!));
        }

        return fake;
    }

    /// <summary>
    /// Makes the host report the Windows version <paramref name="version"/> (<c>10.0.17763</c>) through its
    /// Win32_OperatingSystem instance; a host without one has an unknown build, as the test data files do unless they say.
    /// </summary>
    public void SetOsVersion(string version)
    {
        Cim.AddClass(FakeCimClassCatalog.OperatingSystem);
        Cim.AddInstance(FakeCimClassCatalog.OperatingSystem, new Dictionary<string, object?>
        {
            ["Name"] = "Microsoft Windows|C:\\WINDOWS|\\Device\\Harddisk0\\Partition2",
            ["Caption"] = "Microsoft Windows",
            ["BuildNumber"] = version.Split('.')[^1],
            ["Version"] = version,
        });
    }

    /// <summary>Adds a Win32_Service instance (a service that is installed, in the given state).</summary>
    public void AddService(string name, string state, string? displayName = null) =>
        Cim.AddInstance(FakeCimClassCatalog.Service, new Dictionary<string, object?>
        {
            ["Name"] = name,
            ["DisplayName"] = displayName ?? name,
            ["State"] = state,
            ["StartMode"] = state == "Running" ? "Auto" : "Manual",
        });

    /// <summary>Adds the binding of a network component to a seeded adapter (MSFT_NetAdapterBindingSettingData).</summary>
    public void AddBinding(string adapterName, string componentId, string displayName, bool enabled)
    {
        var adapter = Adapter(adapterName);
        Cim.AddInstance(FakeCimClassCatalog.Binding, new Dictionary<string, object?>
        {
            ["InstanceID"] = $"{adapter.InterfaceGuid}::{componentId}",
            ["Name"] = adapter.Name,
            ["InterfaceDescription"] = adapter.InterfaceDescription,
            ["Source"] = 3u,
            ["SystemName"] = HostName,
            ["Enabled"] = enabled,
            ["DisplayName"] = displayName,
            ["ComponentID"] = componentId,
            ["BindName"] = componentId,
        });
    }

    /// <summary>Adds a connection security rule (MSFT_NetConSecRule); <paramref name="store"/> is PersistentStore or a GPO name.</summary>
    public void AddConnectionSecurityRule(string displayName, bool enabled, uint inbound, uint outbound, string store = "PersistentStore") =>
        Cim.AddInstance(FakeCimClassCatalog.ConSecRule, new Dictionary<string, object?>
        {
            ["InstanceID"] = "{" + Guid.NewGuid().ToString().ToUpperInvariant() + "}",
            ["DisplayName"] = displayName,
            ["ElementName"] = displayName,
            ["Enabled"] = enabled ? 1u : 2u,
            ["InboundSecurity"] = inbound,
            ["OutboundSecurity"] = outbound,
            ["Mode"] = 1u,
            ["PolicyStoreSource"] = store,
        });

    /// <summary>The platform under test, over this host's fakes.</summary>
    public CimWindowsOffloadPlatform CreatePlatform() => new(Cim, Registry, HostName);

    /// <summary>The seeded adapter called <paramref name="name"/>.</summary>
    public WindowsAdapterInfo Adapter(string name) => adapters.Single(a => a.Name == name);

    /// <summary>The driver key path of an adapter.</summary>
    public string DriverKey(WindowsAdapterInfo adapter) => driverKeys[adapter.InterfaceGuid];

    /// <summary>Adds one adapter from its JSON description (see TestData/README.md).</summary>
    public WindowsAdapterInfo AddAdapter(JObject adapter)
    {
        var name = (string)adapter["name"]!;
        var description = (string)adapter["interfaceDescription"]!;
        var guid = (string)adapter["interfaceGuid"]!;
        var hidden = (bool?)adapter["hidden"] ?? false;
        var isVirtual = (bool?)adapter["virtual"] ?? false;
        var driverKeyName = (string)adapter["driverKey"]!;
        var info = new WindowsAdapterInfo(name, description, guid, hidden);
        adapters.Add(info);

        if (Cim.HasClass(FakeCimClassCatalog.NetAdapter))
        {
            Cim.AddInstance(FakeCimClassCatalog.NetAdapter, new Dictionary<string, object?>
            {
                ["CreationClassName"] = FakeCimClassCatalog.NetAdapter,
                ["DeviceID"] = guid,
                ["SystemCreationClassName"] = "CIM_NetworkPort",
                ["SystemName"] = HostName,
                ["Name"] = name,
                ["InterfaceDescription"] = description,
                ["InterfaceGuid"] = guid,
                ["InterfaceIndex"] = (uint?)adapter["interfaceIndex"] ?? 0,
                ["Hidden"] = hidden,
                ["Virtual"] = isVirtual,
            });
        }

        Cim.AddInstance(FakeCimClassCatalog.Win32NetworkAdapter, new Dictionary<string, object?>
        {
            ["DeviceID"] = int.Parse(driverKeyName, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Name"] = description,
            ["Description"] = description,
            ["NetConnectionID"] = hidden ? null : name,
            ["GUID"] = guid,
            ["PhysicalAdapter"] = !isVirtual,
            ["NetEnabled"] = true,
        });

        foreach (var (className, values) in adapter["settingData"] as JObject ?? [])
        {
            if (!Cim.HasClass(className))
            {
                continue;
            }

            var properties = Plain((JObject)values!);
            properties["InstanceID"] = guid;
            properties["Name"] = name;
            properties["InterfaceDescription"] = description;
            properties["Source"] = 3u;
            properties["SystemName"] = HostName;
            Cim.AddInstance(className, properties);
        }

        var driverKey = $@"{NetworkClassKey}\{driverKeyName}";
        driverKeys[guid] = driverKey;
        Registry.Set(driverKey, "NetCfgInstanceId", RegistryValueData.String(guid));
        Registry.Set(driverKey, "DriverDesc", RegistryValueData.String(description));
        foreach (var keyword in adapter["keywords"]?.OfType<JObject>() ?? [])
        {
            AddKeyword(info, driverKey, keyword);
        }

        return info;
    }

    private void AddKeyword(WindowsAdapterInfo adapter, string driverKey, JObject keyword)
    {
        var name = (string)keyword["keyword"]!;
        var value = (string?)keyword["value"];
        var defaultValue = (string?)keyword["default"];
        var valid = keyword["valid"]?.Values<string>().OfType<string>().ToArray() ?? [];
        var type = (string?)keyword["type"] ?? (valid.Length > 0 ? "enum" : "edit");
        var storedAs = (string?)keyword["storedAs"] ?? "sz";
        var hiddenFromUi = (bool?)keyword["noParams"] ?? false;

        if (value is not null)
        {
            Registry.Set(driverKey, name, storedAs == "dword" ? RegistryValueData.DWord(uint.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : RegistryValueData.String(value));
        }

        if (!hiddenFromUi)
        {
            var paramsKey = $@"{driverKey}\Ndi\params\{name}";
            Registry.Set(paramsKey, "ParamDesc", RegistryValueData.String((string?)keyword["displayName"] ?? name));
            Registry.Set(paramsKey, "type", RegistryValueData.String(type));
            if (defaultValue is not null)
            {
                Registry.Set(paramsKey, "default", RegistryValueData.String(defaultValue));
            }

            if ((string?)keyword["min"] is { } min)
            {
                Registry.Set(paramsKey, "min", RegistryValueData.String(min));
            }

            if ((string?)keyword["max"] is { } max)
            {
                Registry.Set(paramsKey, "max", RegistryValueData.String(max));
            }

            if ((string?)keyword["step"] is { } step)
            {
                Registry.Set(paramsKey, "step", RegistryValueData.String(step));
            }

            foreach (var validValue in valid)
            {
                Registry.Set($@"{paramsKey}\enum", validValue, RegistryValueData.String(validValue));
            }
        }

        if (Cim.HasClass(FakeCimClassCatalog.AdvancedProperty) && !hiddenFromUi)
        {
            var registryValue = keyword["registryValue"] is JArray array
                ? array.Values<string>().OfType<string>().ToArray()
                : value is null ? null : new[] { value };
            Cim.AddInstance(FakeCimClassCatalog.AdvancedProperty, new Dictionary<string, object?>
            {
                ["InstanceID"] = $"{adapter.InterfaceGuid}::{name}",
                ["Name"] = adapter.Name,
                ["InterfaceDescription"] = adapter.InterfaceDescription,
                ["Source"] = 3u,
                ["SystemName"] = HostName,
                ["RegistryKeyword"] = name,
                ["RegistryValue"] = registryValue,
                ["RegistryDataType"] = (uint?)keyword["registryDataType"] ?? 1u,
                ["DisplayName"] = (string?)keyword["displayName"] ?? name,
                ["DefaultRegistryValue"] = defaultValue,
                ["ValidRegistryValues"] = valid.Length > 0 ? valid : null,
                ["NumericParameterBaseValue"] = (string?)keyword["min"] is null ? null : "10",
                ["NumericParameterMinValue"] = (string?)keyword["min"],
                ["NumericParameterMaxValue"] = (string?)keyword["max"],
                ["NumericParameterStepValue"] = (string?)keyword["min"] is null ? null : (string?)keyword["step"] ?? "1",
                ["Optional"] = false,
            });
        }
    }

    /// <summary>JSON values as the .NET values the schema types: numbers as ulong, strings, booleans, string arrays, null.</summary>
    private static Dictionary<string, object?> Plain(JObject values)
    {
        var plain = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, token) in values)
        {
            plain[name] = token?.Type switch
            {
                JTokenType.Integer => (ulong)token,
                JTokenType.Boolean => (bool)token,
                JTokenType.String => (string?)token,
                JTokenType.Array => token.Values<string>().OfType<string>().ToArray(),
                _ => null,
            };
        }

        return plain;
    }
}
