using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Registry;
using DscOffload.Windows.Settings;

namespace DscOffload.Windows.Live;

/// <summary>
/// The live <see cref="IWindowsOffloadPlatform"/>: maps the offload vocabulary onto CIM
/// (ROOT/StandardCimv2) and the registry through narrow gateways, so the same mapping runs against
/// Microsoft.Management.Infrastructure on a host and against in-memory fakes in tests.
/// </summary>
/// <remarks>
/// <para><b>Global</b>: <c>MSFT_NetOffloadGlobalSetting</c> (single instance, uint8 properties,
/// written by one ModifyInstance) and REG_DWORD values under <c>Tcpip\Parameters</c> (null = value
/// missing; writing null deletes it).</para>
/// <para><b>Adapters</b> come from <c>MSFT_NetAdapter</c> (hidden ones included), or from
/// <c>Win32_NetworkAdapter</c> where that class is missing. Each per-adapter setting-data class is
/// queried once per operation with <c>InterfaceDescription = '…'</c>: InterfaceDescription is unique
/// on a host and fixed for the adapter's lifetime, while Name (the ifAlias) can be renamed between
/// listing and reading, and the InstanceID format is undocumented. Filtering in the query keeps
/// large classes (advanced properties of every adapter) off the wire.</para>
/// <para><b>Fallback</b> is chosen per class: when a class query reports the class missing (Server
/// 2008 R2 has none of them), the settings of that class are read and written as NDIS keywords in
/// the adapter's driver key, and adapters restart through <c>Win32_NetworkAdapter</c> Disable and
/// Enable. A class that exists but has no instance for the adapter means the adapter lacks the
/// feature: the setting is absent from the state, never an error on read.</para>
/// <para><b>Errors</b> are classified from MI's result and the provider's error details
/// (<see cref="CimErrorClassifier"/>): access denied → <c>ElevationRequired</c>; a value the driver rejects or a
/// feature the adapter lacks on write → <c>NotSupported</c> (with the provider's reason, and valid values when known); an
/// unknown setting name or badly typed value → <c>ValidationFailed</c>; an adapter that vanished →
/// <c>NoMatch</c>. A write that fails after writing part of a change throws
/// <see cref="PartialAdapterWriteException"/> / <see cref="PartialGlobalWriteException"/>.</para>
/// </remarks>
internal sealed class CimWindowsOffloadPlatform : IWindowsOffloadPlatform
{
    private static readonly Dictionary<string, object> IncludeHidden = new() { [CimClassNames.IncludeHiddenOption] = true };
    private static readonly Dictionary<string, object> NoRestart = new() { [CimClassNames.NoRestartOption] = true };

    private readonly ICimGateway cim;
    private readonly IRegistryGateway registry;
    private readonly NdisKeywordStore ndis;
    private readonly HashSet<string> missingClasses = new(StringComparer.Ordinal);
    private int? osBuild;
    private bool osBuildRead;

    /// <summary>Creates the platform over the given gateways.</summary>
    /// <param name="cim">CIM access (live: <c>MiCimGateway</c>).</param>
    /// <param name="registry">HKLM access (live: <c>Win32RegistryGateway</c>).</param>
    /// <param name="hostName">The name for <c>_restartRequired</c>; defaults to this computer's name.</param>
    public CimWindowsOffloadPlatform(ICimGateway cim, IRegistryGateway registry, string? hostName = null)
    {
        this.cim = cim;
        this.registry = registry;
        ndis = new NdisKeywordStore(registry);
        HostName = hostName ?? Environment.MachineName;
    }

    /// <inheritdoc/>
    public string HostName { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// Read once per platform from <c>Win32_OperatingSystem.BuildNumber</c> (a string). A host where that cannot be read
    /// (the class missing, or a value that is not a number) has an unknown build rather than failing the operation.
    /// </remarks>
    public int? ReadOsBuild()
    {
        if (!osBuildRead)
        {
            IReadOnlyList<CimRecord>? records;
            try
            {
                records = QueryOrNull(CimClassNames.Cimv2, CimClassNames.Win32OperatingSystem, null, null, "reading the Windows version");
            }
            catch (DscOffloadException)
            {
                // The build only refines what a setting means; a host that will not say it is treated as before.
                records = null;
            }

            osBuild = records is [var os, ..] && int.TryParse(os.GetString("BuildNumber"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var build)
                ? build
                : null;
            osBuildRead = true;
        }

        return osBuild;
    }

    /// <inheritdoc/>
    public GlobalOffloadState ReadGlobal()
    {
        var state = new GlobalOffloadState();
        if (GlobalSettingInstance() is { } instance)
        {
            foreach (var source in GlobalOffloadSettings.CimSettings)
            {
                if (OffloadValueNames.NameOf(source.ValueNames, instance.GetNumber(source.CimProperty)) is { } name)
                {
                    state.Settings[source.Name] = name;
                }
            }
        }

        foreach (var parameter in GlobalOffloadSettings.TcpipParameters)
        {
            state.TcpipParameters[parameter.Name] = ReadFlag(registry.Read(GlobalOffloadSettings.TcpipParametersKey, parameter.RegistryValue));
        }

        return state;
    }

    /// <inheritdoc/>
    public void WriteGlobal(GlobalOffloadState changes)
    {
        var cimChanges = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in changes.Settings)
        {
            var source = GlobalOffloadSettings.CimSettings.FirstOrDefault(s => s.Name == name)
                ?? throw new DscOffloadException(ErrorKind.ValidationFailed, $"unknown global offload setting '{name}'; allowed: {string.Join(", ", GlobalOffloadSettings.CimSettings.Select(s => s.Name))}");
            var index = OffloadValueNames.IndexOf(source.ValueNames, value)
                ?? throw new DscOffloadException(ErrorKind.ValidationFailed, $"'{value}' is not a valid value of {name}; allowed: {string.Join(", ", source.ValueNames)}");
            cimChanges[source.CimProperty] = (byte)index;
        }

        var registryChanges = new List<(string Name, string ValueName, bool? Value)>();
        foreach (var (name, value) in changes.TcpipParameters)
        {
            var valueName = GlobalOffloadSettings.TcpipParameters.FirstOrDefault(p => p.Name == name)?.RegistryValue
                ?? throw new DscOffloadException(ErrorKind.ValidationFailed, $"unknown tcpipParameters value '{name}'; allowed: {string.Join(", ", GlobalOffloadSettings.TcpipParameters.Select(p => p.Name))}");
            registryChanges.Add((name, valueName, value));
        }

        var applied = new GlobalOffloadState();
        try
        {
            if (cimChanges.Count > 0)
            {
                var instance = GlobalSettingInstance()
                    ?? throw new DscOffloadException(ErrorKind.NotSupported, $"{CimClassNames.GlobalSetting} does not exist on this host (it needs Windows 8 / Server 2012 or later), so {string.Join(", ", changes.Settings.Keys)} cannot be set; tcpipParameters can");
                var lacking = GlobalOffloadSettings.CimSettings.Where(s => changes.Settings.ContainsKey(s.Name) && instance[s.CimProperty] is null).Select(s => s.Name).ToList();
                if (lacking.Count > 0)
                {
                    throw new DscOffloadException(ErrorKind.NotSupported, $"{string.Join(", ", lacking)} cannot be set: {CimClassNames.GlobalSetting} on this Windows version has no such property");
                }

                Modify(instance, cimChanges, null, $"changing {string.Join(", ", changes.Settings.Keys)} in {CimClassNames.GlobalSetting}", null);
                foreach (var (name, value) in changes.Settings)
                {
                    applied.Settings[name] = value;
                }
            }

            foreach (var (name, valueName, value) in registryChanges)
            {
                if (value is { } flag)
                {
                    registry.WriteDWord(GlobalOffloadSettings.TcpipParametersKey, valueName, flag ? 1u : 0u);
                }
                else
                {
                    registry.DeleteValue(GlobalOffloadSettings.TcpipParametersKey, valueName);
                }

                applied.TcpipParameters[name] = value;
            }
        }
        catch (DscOffloadException e) when (applied.Settings.Count > 0 || applied.TcpipParameters.Count > 0)
        {
            throw new PartialGlobalWriteException(e, applied);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<WindowsAdapterInfo> ListAdapters()
    {
        List<WindowsAdapterInfo> adapters;
        if (QueryOrNull(CimClassNames.StandardCimv2, CimClassNames.NetAdapter, null, IncludeHidden, "listing network adapters") is { } modern)
        {
            adapters = modern
                .Select(r => new WindowsAdapterInfo(
                    r.GetString("Name") ?? "",
                    r.GetString("InterfaceDescription") ?? "",
                    r.GetString("InterfaceGuid") ?? r.GetString("DeviceID") ?? "",
                    r.GetBoolean("Hidden") ?? false))
                .ToList();
        }
        else
        {
            var legacy = QueryOrNull(CimClassNames.Cimv2, CimClassNames.Win32NetworkAdapter, null, null, "listing network adapters") ?? [];
            adapters = legacy
                .Where(r => r.GetString("GUID") is not null)
                .Select(r => new WindowsAdapterInfo(
                    r.GetString("NetConnectionID") ?? r.GetString("Name") ?? "",
                    r.GetString("Name") ?? "",
                    r.GetString("GUID")!,
                    r.GetString("NetConnectionID") is null))
                .ToList();
        }

        return adapters
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.InterfaceGuid, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <inheritdoc/>
    public WindowsAdapterOffloadState ReadAdapter(WindowsAdapterInfo adapter)
    {
        var instances = new AdapterClassInstances(cim, adapter, missingClasses);
        var keywords = new AdapterDriverKeywords(ndis, adapter);
        var state = new WindowsAdapterOffloadState();

        foreach (var source in AdapterOffloadSettings.InWriteOrder)
        {
            var value = instances.Get(source.CimClass) switch
            {
                // The setting's own keyword, else the grouped one a driver may expose instead (checksum: TCP and UDP together).
                null => source.NdisKeywords.Select(k => keywords.Keywords.GetValueOrDefault(k)).FirstOrDefault(k => k is not null) is { } keyword ? AdapterSettingCodec.FromNdis(source, keyword.Value) : null,
                _ when source.CimProperty is null => AdvancedValue(instances.AdvancedProperty(source.NdisKeyword)) is { } text ? AdapterSettingCodec.FromNdis(source, text) : null,
                _ => AdapterSettingCodec.FromCim(source, instances.Single(source.CimClass)?[source.CimProperty]),
            };
            if (value is not null)
            {
                state.Settings[source.Name] = value;
            }
        }

        foreach (var operational in AdapterOperationalStates.All)
        {
            if (instances.Get(operational.CimClass) is not null
                && instances.Single(operational.CimClass) is { } record
                && AdapterOperationalStates.Describe(record.GetBoolean(operational.StateProperty), record.GetNumber(operational.ReasonProperty)) is { } value)
            {
                state.OperationalStates[operational.Setting] = value;
            }
        }

        if (instances.Get(CimClassNames.AdvancedProperty) is { } advanced)
        {
            foreach (var record in advanced)
            {
                if (record.GetString("RegistryKeyword") is { } keyword && AdvancedValue(record) is { } text)
                {
                    state.AdvancedProperties[keyword] = text;
                    if (NumericKeywordRange.FromCim(record) is { } range)
                    {
                        state.AdvancedPropertyRanges[keyword] = range;
                    }
                }
            }
        }
        else
        {
            foreach (var keyword in keywords.Keywords.Values)
            {
                state.AdvancedProperties[keyword.Name] = keyword.Value;
                if (NumericKeywordRange.FromParams(keyword.Minimum, keyword.Maximum, keyword.Step) is { } range)
                {
                    state.AdvancedPropertyRanges[keyword.Name] = range;
                }
            }
        }

        var sawInstance = AdapterOffloadSettings.Classes.Any(c => instances.Get(c) is { Count: > 0 });
        var usedCim = AdapterOffloadSettings.Classes.Any(c => instances.Get(c) is not null);
        if (usedCim && !sawInstance)
        {
            RequireAdapter(adapter);
        }

        return state;
    }

    /// <inheritdoc/>
    public void WriteAdapter(WindowsAdapterInfo adapter, WindowsAdapterChange change)
    {
        if (change.IsEmpty)
        {
            return;
        }

        foreach (var (name, value) in change.Settings)
        {
            var source = AdapterOffloadSettings.Find(name)
                ?? throw new DscOffloadException(ErrorKind.ValidationFailed, $"unknown adapter offload setting '{name}'; allowed: {AdapterOffloadSettings.AllowedNames}");
            AdapterSettingCodec.Validate(source, value);
        }

        var steps = new AdapterWritePlanner(adapter, new AdapterClassInstances(cim, adapter, missingClasses), new AdapterDriverKeywords(ndis, adapter), this).Plan(change);
        var applied = new WindowsAdapterChange();
        try
        {
            foreach (var step in steps)
            {
                step.Execute();
                step.MarkApplied(applied);
            }
        }
        catch (DscOffloadException e) when (!applied.IsEmpty)
        {
            throw new PartialAdapterWriteException(e, applied);
        }
    }

    /// <inheritdoc/>
    public void RestartAdapter(WindowsAdapterInfo adapter)
    {
        var filter = WqlLiteral.EqualsFilter("InterfaceGuid", adapter.InterfaceGuid);
        if (QueryOrNull(CimClassNames.StandardCimv2, CimClassNames.NetAdapter, filter, IncludeHidden, $"finding adapter '{adapter.Name}'") is { } modern)
        {
            var instance = modern.Count > 0 ? modern[0] : throw Vanished(adapter);
            Invoke(instance, "Restart", $"restarting adapter '{adapter.Name}'");
            return;
        }

        var legacy = QueryOrNull(CimClassNames.Cimv2, CimClassNames.Win32NetworkAdapter, WqlLiteral.EqualsFilter("GUID", adapter.InterfaceGuid), null, $"finding adapter '{adapter.Name}'")
            ?? throw new DscOffloadException(ErrorKind.NotSupported, $"neither {CimClassNames.NetAdapter} nor {CimClassNames.Win32NetworkAdapter} exists on this host, so adapter '{adapter.Name}' cannot be restarted");
        var device = legacy.Count > 0 ? legacy[0] : throw Vanished(adapter);
        Invoke(device, "Disable", $"disabling adapter '{adapter.Name}' to restart it");
        try
        {
            Invoke(device, "Enable", $"enabling adapter '{adapter.Name}' again");
        }
        catch (DscOffloadException e)
        {
            throw new DscOffloadException(e.Kind, $"adapter '{adapter.Name}' was disabled to restart it but could not be enabled again; enable it by hand ({e.Message})", null, e);
        }
    }

    /// <summary>Runs one ModifyInstance, turning gateway failures into operator errors.</summary>
    internal void Modify(CimRecord instance, IReadOnlyDictionary<string, object?> changes, IReadOnlyDictionary<string, object>? options, string what, string? validValues)
    {
        try
        {
            cim.Modify(instance, changes, options);
        }
        catch (CimOperationException e)
        {
            throw CimFailureTranslator.Translate(e, what, validValues);
        }
    }

    /// <summary>The options for setting-data modifications: no implicit adapter restart.</summary>
    internal static IReadOnlyDictionary<string, object> SettingDataOptions => NoRestart;

    /// <summary>
    /// The text of an advanced property: its RegistryValue (a string array: one element as is, several
    /// joined with commas), or its DefaultRegistryValue when no value is stored.
    /// </summary>
    internal static string? AdvancedValue(CimRecord? record)
    {
        if (record is null)
        {
            return null;
        }

        return record.GetStringArray("RegistryValue") is { Count: > 0 } values
            ? string.Join(',', values)
            : record.GetString("DefaultRegistryValue");
    }

    private static bool? ReadFlag(RegistryValueData? data) => data switch
    {
        null => null,
        { Number: { } n } => n != 0,
        _ when uint.TryParse(data.Text, out var n) => n != 0,
        _ => null,
    };

    private static DscOffloadException Vanished(WindowsAdapterInfo adapter) =>
        new(ErrorKind.NoMatch, $"adapter '{adapter.Name}' ({adapter.InterfaceGuid}) no longer exists");

    private CimRecord? GlobalSettingInstance() =>
        QueryOrNull(CimClassNames.StandardCimv2, CimClassNames.GlobalSetting, null, null, $"reading {CimClassNames.GlobalSetting}") is [var single, ..] ? single : null;

    private IReadOnlyList<CimRecord>? QueryOrNull(string namespaceName, string className, string? filter, IReadOnlyDictionary<string, object>? options, string what)
    {
        if (missingClasses.Contains(className))
        {
            return null;
        }

        try
        {
            return cim.Query(namespaceName, className, filter, options);
        }
        catch (CimOperationException e) when (e.Failure == CimFailure.ClassMissing)
        {
            missingClasses.Add(className);
            return null;
        }
        catch (CimOperationException e)
        {
            throw CimFailureTranslator.Translate(e, what);
        }
    }

    private void Invoke(CimRecord instance, string method, string what) =>
        InvokeMethod(instance, method, new Dictionary<string, object?>(), what);

    /// <summary>
    /// Calls a CIM method, turning gateway failures and a non-zero return value into operator errors. The
    /// NetAdapter methods document their return value only as <c>uint32</c>; a value that is a Win32 error code
    /// this platform knows (5 access denied, 87 invalid parameter, …) is reported as that error.
    /// </summary>
    internal void InvokeMethod(CimRecord instance, string method, IReadOnlyDictionary<string, object?> args, string what, string? validValues = null)
    {
        IReadOnlyDictionary<string, object?> result;
        try
        {
            result = cim.Invoke(instance, method, args);
        }
        catch (CimOperationException e)
        {
            throw CimFailureTranslator.Translate(e, what, validValues);
        }

        var code = result.TryGetValue("ReturnValue", out var value) && value is not null ? Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (code == 0)
        {
            return;
        }

        var failure = code <= uint.MaxValue ? CimErrorClassifier.FromWin32((uint)code) : null;
        if (failure is null)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"{what} failed with return value {code}");
        }

        throw CimFailureTranslator.Translate(new CimOperationException(failure.Value, $"{instance.ClassName}.{method} returned {code}"), what, validValues);
    }

    private void RequireAdapter(WindowsAdapterInfo adapter)
    {
        var filter = WqlLiteral.EqualsFilter("InterfaceGuid", adapter.InterfaceGuid);
        if (QueryOrNull(CimClassNames.StandardCimv2, CimClassNames.NetAdapter, filter, IncludeHidden, $"finding adapter '{adapter.Name}'") is { Count: 0 })
        {
            throw Vanished(adapter);
        }
    }
}
