using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Tests.Fakes;

/// <summary>
/// An in-memory CIM server with the documented classes (see <see cref="FakeCimClassCatalog"/>). It
/// behaves as the documentation and observed behaviour say: a class the host lacks reports
/// <see cref="CimFailure.ClassMissing"/>, a class without a matching instance returns an empty list,
/// instances are found by their keys, property types are enforced, read-only properties cannot be
/// written, advanced property values outside ValidRegistryValues are rejected, hidden adapters and
/// their settings are visible only with the IncludeHidden option, and writes need elevation. Method calls are
/// checked against the documented [in] parameters; the IPsec offload methods restart the adapter unless NoRestart.
/// Refusals by the provider (access denied, a value the driver rejects) carry MSFT_WmiError-shaped details and
/// are classified by the production <see cref="CimErrorClassifier"/>, as the live gateway's are.
/// </summary>
internal sealed class FakeCimGateway : ICimGateway
{
    private readonly HashSet<string> existingClasses = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CimRecord> instances = [];
    private readonly Dictionary<string, int> restarts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> disabledAdapters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string ClassName, string Method), uint> returnValues = [];
    private readonly Dictionary<int, Dictionary<string, object?>> pendingUntilRestart = [];
    private int modifyCalls;
    private int? failingModify;
    private CimFailure failingModifyKind;
    private CimErrorDetails? failingModifyDetails;

    /// <summary>Creates a server on which <paramref name="classes"/> exist (Win32_NetworkAdapter always does).</summary>
    public FakeCimGateway(IEnumerable<string> classes)
    {
        existingClasses.UnionWith(classes);
        existingClasses.Add(FakeCimClassCatalog.Win32NetworkAdapter);
    }

    /// <summary>False makes every modify and method call fail with access denied (reads still work, as for a standard user).</summary>
    public bool Elevated { get; set; } = true;

    /// <summary>True makes queries fail with access denied too.</summary>
    public bool DenyReads { get; set; }

    /// <summary>Every query received, in order.</summary>
    public List<FakeCimQuery> Queries { get; } = [];

    /// <summary>Every accepted modification, in order.</summary>
    public List<FakeCimModification> Modifications { get; } = [];

    /// <summary>Every method call received, in order.</summary>
    public List<FakeCimInvocation> Invocations { get; } = [];

    /// <summary>Adapters (by interface GUID) disabled through Win32_NetworkAdapter and not enabled again.</summary>
    public IReadOnlySet<string> DisabledAdapters => disabledAdapters;

    /// <summary>True when <paramref name="className"/> exists on this host.</summary>
    public bool HasClass(string className) => existingClasses.Contains(className);

    /// <summary>Adds a class to the host (a role or feature that installs its CIM provider).</summary>
    public void AddClass(string className) => existingClasses.Add(className);

    /// <summary>Removes a class from the host (for per-class fallback scenarios).</summary>
    public void RemoveClass(string className) => existingClasses.Remove(className);

    /// <summary>Adds an instance, typed by the class schema.</summary>
    public CimRecord AddInstance(string className, IReadOnlyDictionary<string, object?> values)
    {
        var record = FakeCimClassCatalog.Get(className).CreateRecord(values);
        instances.Add(record);
        return record;
    }

    /// <summary>The current instances of a class.</summary>
    public IReadOnlyList<CimRecord> InstancesOf(string className) =>
        instances.Where(r => string.Equals(r.ClassName, className, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The current instance of a per-adapter class for the adapter with <paramref name="interfaceDescription"/>.</summary>
    public CimRecord? SettingData(string className, string interfaceDescription, string? keyword = null) =>
        InstancesOf(className).FirstOrDefault(r =>
            string.Equals(r.GetString("InterfaceDescription"), interfaceDescription, StringComparison.OrdinalIgnoreCase)
            && (keyword is null || string.Equals(r.GetString("RegistryKeyword"), keyword, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Makes the <paramref name="number"/>th Modify call (1-based, counting from now) fail with MI's result
    /// <paramref name="failure"/> and, when given, the provider's error <paramref name="details"/>, classified as the live gateway classifies them.
    /// </summary>
    public void FailModify(int number, CimFailure failure = CimFailure.Failed, CimErrorDetails? details = null)
    {
        failingModify = modifyCalls + number;
        failingModifyKind = failure;
        failingModifyDetails = details;
    }

    /// <summary>Makes every call of <paramref name="method"/> on <paramref name="className"/> return <paramref name="returnValue"/>.</summary>
    public void SetReturnValue(string className, string method, uint returnValue) => returnValues[(className, method)] = returnValue;

    /// <summary>How often the adapter was restarted (MSFT_NetAdapter.Restart, or Win32 Disable followed by Enable).</summary>
    public int RestartCount(string interfaceGuid) => restarts.GetValueOrDefault(interfaceGuid);

    /// <summary>
    /// True makes setting-data writes invisible until the adapter restarts: reads return the active value, as a
    /// provider would that reports operational rather than configured values. Which one Windows does is not
    /// documented (open point 3 of docs/windows-verification.md); false (the default) reads the written value at once.
    /// </summary>
    public bool ReadsActiveValuesUntilRestart { get; set; }

    /// <summary>How many queries went to <paramref name="className"/>.</summary>
    public int QueryCount(string className) => Queries.Count(q => string.Equals(q.ClassName, className, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public IReadOnlyList<CimRecord> Query(string namespaceName, string className, string? wqlFilter, IReadOnlyDictionary<string, object>? customOptions = null)
    {
        var options = customOptions ?? new Dictionary<string, object>();
        Queries.Add(new FakeCimQuery(namespaceName, className, wqlFilter, options));
        if (!existingClasses.Contains(className) || !FakeCimClassCatalog.Classes.TryGetValue(className, out var schema)
            || !string.Equals(schema.NamespaceName, namespaceName, StringComparison.OrdinalIgnoreCase))
        {
            throw new CimOperationException(CimFailure.ClassMissing, $"invalid class {namespaceName}:{className}");
        }

        if (DenyReads)
        {
            throw new CimOperationException(CimFailure.AccessDenied, $"access denied querying {className}");
        }

        var filter = wqlFilter is null ? null : FakeWqlFilter.Parse(wqlFilter);
        var includeHidden = options.TryGetValue("IncludeHidden", out var flag) && flag is true;
        return InstancesOf(className)
            .Where(r => filter is null || filter.Matches(r))
            .Where(r => includeHidden || !IsHidden(r))
            .Where(r => InPolicyStore(r, options))
            .ToList();
    }

    /// <inheritdoc/>
    public void Modify(CimRecord instance, IReadOnlyDictionary<string, object?> changes, IReadOnlyDictionary<string, object>? customOptions = null)
    {
        modifyCalls++;
        var index = IndexOf(instance);
        if (!Elevated)
        {
            throw Denied($"modifying {instance}");
        }

        if (modifyCalls == failingModify)
        {
            throw CimErrorClassifier.Exception(failingModifyKind, $"modifying {instance}", failingModifyDetails, $"injected failure of modify #{modifyCalls}");
        }

        var current = instances[index];
        var schema = FakeCimClassCatalog.Get(current.ClassName);
        foreach (var (name, value) in changes)
        {
            if (!schema.Properties.TryGetValue(name, out var property) || !current.Properties.ContainsKey(name))
            {
                throw new CimOperationException(CimFailure.InvalidParameter, $"{current.ClassName} has no property '{name}'");
            }

            if (property.ReadOnly)
            {
                throw new CimOperationException(CimFailure.NotSupported, $"{current.ClassName}.{name} is read-only");
            }

            if (!Fits(property.Type, value))
            {
                throw new CimOperationException(CimFailure.InvalidParameter, $"type mismatch: {current.ClassName}.{name} is {property.Type}, got {value?.GetType().Name ?? "null"}");
            }

            CheckDriverAccepts(current, name, value);
        }

        var updated = current.With(changes);
        Store(index, updated, changes);
        Modifications.Add(new FakeCimModification(current.ClassName, current.ToString(), new Dictionary<string, object?>(changes), customOptions ?? new Dictionary<string, object>()));
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> Invoke(CimRecord instance, string method, IReadOnlyDictionary<string, object?> args)
    {
        var index = IndexOf(instance);
        var current = instances[index];
        Invocations.Add(new FakeCimInvocation(current.ClassName, current.ToString(), method, args));
        var schema = FakeCimClassCatalog.Get(current.ClassName);
        if (!schema.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            throw new CimOperationException(CimFailure.MethodNotFound, $"{current.ClassName} has no method {method}");
        }

        if (schema.MethodParameters.TryGetValue(method, out var declared))
        {
            CheckArguments(current.ClassName, method, declared, args);
        }

        if (!Elevated)
        {
            throw Denied($"calling {method} on {current}");
        }

        var code = returnValues.GetValueOrDefault((current.ClassName, method));
        if (code == 0)
        {
            Apply(current, method);
            ApplySettingDataMethod(index, current, method, args);
        }

        return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["ReturnValue"] = code };
    }

    /// <summary>
    /// The error a write by a standard user gets: the provider's MSFT_WmiError carries Win32 ERROR_ACCESS_DENIED (5)
    /// while MI's own result is the generic FAILED. [assumed] that the NetAdapter provider reports it so (open point 6
    /// of docs/windows-verification.md); the platform must classify it from the details either way.
    /// </summary>
    private static CimOperationException Denied(string what) =>
        CimErrorClassifier.Exception(CimFailure.Failed, what, new CimErrorDetails("Win32", 5, Message: "Access is denied."), null);

    /// <summary>A value the driver refuses: MI's FAILED with Win32 ERROR_INVALID_PARAMETER (87) and the reason in the details (see <see cref="Denied"/>).</summary>
    private static CimOperationException Rejected(string what, string reason) =>
        CimErrorClassifier.Exception(CimFailure.Failed, what, new CimErrorDetails("Win32", 87, Message: reason), null);

    // An [in] parameter the method does not declare, or a value of another CIM type, is refused as WMI refuses it
    // (WBEM_E_INVALID_METHOD_PARAMETERS, MI's INVALID_PARAMETER).
    private static void CheckArguments(string className, string method, IReadOnlyDictionary<string, CimValueType> declared, IReadOnlyDictionary<string, object?> args)
    {
        foreach (var (name, value) in args)
        {
            if (!declared.TryGetValue(name, out var type))
            {
                throw new CimOperationException(CimFailure.InvalidParameter, $"{className}.{method} has no parameter '{name}'; it takes: {string.Join(", ", declared.Keys)}");
            }

            if (!Fits(type, value))
            {
                throw new CimOperationException(CimFailure.InvalidParameter, $"type mismatch: {className}.{method}({name}) is {type}, got {value?.GetType().Name ?? "null"}");
            }
        }
    }

    /// <summary>
    /// The IPsec offload methods change <c>Enabled</c> and, unless <c>NoRestart</c> is true, restart the adapter
    /// ("By default, the adapter will restart": set-, enable-, disable-msft-netadapteripsecoffloadv2settingdata).
    /// The other setting-data classes' Enable/Disable are declared but not modelled: the platform does not call them.
    /// </summary>
    private void ApplySettingDataMethod(int index, CimRecord current, string method, IReadOnlyDictionary<string, object?> args)
    {
        if (current.ClassName == FakeCimClassCatalog.IPsecOffload)
        {
            var enabled = method.ToUpperInvariant() switch
            {
                "SET" => args.GetValueOrDefault("Enabled") as bool?,
                "ENABLE" => true,
                "DISABLE" => false,
                _ => null,
            };
            if (enabled is { } value)
            {
                var enabledChange = new Dictionary<string, object?> { ["Enabled"] = value };
                Store(index, current.With(enabledChange), enabledChange);
            }

            if (args.GetValueOrDefault("NoRestart") is not true)
            {
                var adapter = InstancesOf(FakeCimClassCatalog.NetAdapter).FirstOrDefault(a =>
                    string.Equals(a.GetString("InterfaceDescription"), current.GetString("InterfaceDescription"), StringComparison.OrdinalIgnoreCase));
                var guid = adapter?.GetString("InterfaceGuid") ?? "";
                CountRestart(guid);
            }

            return;
        }

        if (FakeCimClassCatalog.SettingDataClasses.Contains(current.ClassName, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"the fake does not model {current.ClassName}.{method}");
        }
    }

    private void Store(int index, CimRecord updated, IReadOnlyDictionary<string, object?> changes)
    {
        if (!ReadsActiveValuesUntilRestart)
        {
            instances[index] = updated;
            return;
        }

        var waiting = pendingUntilRestart.TryGetValue(index, out var known) ? known : pendingUntilRestart[index] = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            waiting[name] = value;
        }
    }

    private void CountRestart(string guid)
    {
        restarts[guid] = RestartCount(guid) + 1;
        var description = InstancesOf(FakeCimClassCatalog.NetAdapter).FirstOrDefault(a => string.Equals(a.GetString("InterfaceGuid"), guid, StringComparison.OrdinalIgnoreCase))?.GetString("InterfaceDescription")
            ?? InstancesOf(FakeCimClassCatalog.Win32NetworkAdapter).FirstOrDefault(a => string.Equals(a.GetString("GUID"), guid, StringComparison.OrdinalIgnoreCase))?.GetString("Name");
        foreach (var (index, changes) in pendingUntilRestart.ToList())
        {
            if (string.Equals(instances[index].GetString("InterfaceDescription"), description, StringComparison.OrdinalIgnoreCase))
            {
                instances[index] = instances[index].With(changes);
                pendingUntilRestart.Remove(index);
            }
        }
    }

    private void Apply(CimRecord adapter, string method)
    {
        var guid = adapter.GetString("InterfaceGuid") ?? adapter.GetString("GUID") ?? "";
        switch (adapter.ClassName, method)
        {
            case (FakeCimClassCatalog.NetAdapter, "Restart"):
                CountRestart(guid);
                break;
            case (FakeCimClassCatalog.Win32NetworkAdapter, "Disable"):
                disabledAdapters.Add(guid);
                break;
            case (FakeCimClassCatalog.Win32NetworkAdapter, "Enable"):
                if (disabledAdapters.Remove(guid))
                {
                    CountRestart(guid);
                }

                break;
        }
    }

    private int IndexOf(CimRecord instance)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            var candidate = instances[i];
            if (string.Equals(candidate.ClassName, instance.ClassName, StringComparison.OrdinalIgnoreCase)
                && instance.KeyNames.Count > 0
                && instance.KeyNames.All(k => Equals(candidate[k], instance[k])))
            {
                return i;
            }
        }

        throw new CimOperationException(CimFailure.NotFound, $"no instance {instance}");
    }

    /// <summary>
    /// The NetSecurity classes answer from one policy store, as the cmdlets' -PolicyStore selects:
    /// PersistentStore (the default: local rules), RSOP (Group Policy rules) or ActiveStore (both, the
    /// rules in effect). Seeded rules name their store in PolicyStoreSource (PersistentStore or a GPO).
    /// </summary>
    private static bool InPolicyStore(CimRecord record, IReadOnlyDictionary<string, object> options)
    {
        if (!string.Equals(record.ClassName, FakeCimClassCatalog.ConSecRule, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var store = options.TryGetValue("PolicyStore", out var value) && value is string s ? s : "PersistentStore";
        var local = string.Equals(record.GetString("PolicyStoreSource") ?? "PersistentStore", "PersistentStore", StringComparison.OrdinalIgnoreCase);
        return store switch
        {
            "ActiveStore" => true,
            "PersistentStore" => local,
            "RSOP" => !local,
            _ => false,
        };
    }

    private bool IsHidden(CimRecord record)
    {
        if (record.GetBoolean("Hidden") is { } hidden)
        {
            return hidden;
        }

        var description = record.GetString("InterfaceDescription");
        return description is not null && InstancesOf(FakeCimClassCatalog.NetAdapter).Any(a =>
            string.Equals(a.GetString("InterfaceDescription"), description, StringComparison.OrdinalIgnoreCase) && a.GetBoolean("Hidden") == true);
    }

    private static bool Fits(CimValueType type, object? value)
    {
        if (value is null)
        {
            return true;
        }

        return type switch
        {
            CimValueType.String => value is string,
            CimValueType.Boolean => value is bool,
            CimValueType.UInt8 => value is byte,
            CimValueType.UInt16 => value is ushort,
            CimValueType.UInt32 => value is uint,
            CimValueType.UInt64 => value is ulong,
            CimValueType.StringArray => value is string[],
            _ => false,
        };
    }

    private static void CheckDriverAccepts(CimRecord current, string name, object? value)
    {
        if (current.ClassName == FakeCimClassCatalog.AdvancedProperty && string.Equals(name, "RegistryValue", StringComparison.OrdinalIgnoreCase))
        {
            var valid = current.GetStringArray("ValidRegistryValues") ?? [];
            foreach (var element in (string[]?)value ?? [])
            {
                if (valid.Count > 0 && !valid.Contains(element, StringComparer.OrdinalIgnoreCase))
                {
                    throw Rejected($"modifying {current}", $"no keyword value '{element}' for {current.GetString("RegistryKeyword")}; the valid keyword values are: {string.Join(", ", valid)}");
                }
            }
        }

        if (current.ClassName == FakeCimClassCatalog.Checksum && value is uint direction && direction > 3)
        {
            throw Rejected($"modifying {current}", $"{name} must be 0..3, got {direction}");
        }

        // The class documents Profile values 1 (Closest Processor) to 5 (Conservative Scaling) only.
        if (current.ClassName == FakeCimClassCatalog.Rss && string.Equals(name, "Profile", StringComparison.OrdinalIgnoreCase) && value is uint profile && profile is < 1 or > 5)
        {
            throw Rejected($"modifying {current}", $"Profile must be 1..5, got {profile}");
        }

        // msft-netadapteradvancedpropertysettingdata, RegistryDataType: REG_SZ (1), REG_DWORD (4), REG_MULTI_SZ (7), REG_QWORD (11).
        if (current.ClassName == FakeCimClassCatalog.AdvancedProperty && string.Equals(name, "RegistryDataType", StringComparison.OrdinalIgnoreCase)
            && value is uint dataType && dataType is not (1 or 4 or 7 or 11))
        {
            throw Rejected($"modifying {current}", $"RegistryDataType must be 1 (REG_SZ), 4 (REG_DWORD), 7 (REG_MULTI_SZ) or 11 (REG_QWORD), got {dataType}");
        }

        // MaxProcessors and NumberOfReceiveQueues write *MaxRssProcessors and *NumRSSQueues, whose documented Min is 1
        // ("Standardized INF Keywords for RSS").
        if (current.ClassName == FakeCimClassCatalog.Rss && value is 0u
            && (string.Equals(name, "MaxProcessors", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "NumberOfReceiveQueues", StringComparison.OrdinalIgnoreCase)))
        {
            throw new CimOperationException(CimFailure.InvalidParameter, $"{name} must be at least 1, got 0");
        }
    }
}
