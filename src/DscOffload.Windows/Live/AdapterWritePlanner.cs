using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Registry;
using DscOffload.Windows.Settings;

namespace DscOffload.Windows.Live;

/// <summary>
/// Turns a <see cref="WindowsAdapterChange"/> into write steps: one ModifyInstance per setting-data
/// class (its properties together; IPsec offload: one call of its documented <c>Set</c> method), one per
/// advanced property, or one registry write per NDIS keyword where the class is missing. Everything that can be checked before writing is checked
/// here (the adapter has the feature, the driver defines the keyword, the value is among the valid
/// ones), so most failures happen before anything changes.
/// </summary>
internal sealed class AdapterWritePlanner(WindowsAdapterInfo adapter, AdapterClassInstances instances, AdapterDriverKeywords keywords, CimWindowsOffloadPlatform platform)
{
    /// <summary>The steps, in catalog order: typed classes first, then connection offload, then advanced properties.</summary>
    public List<AdapterWriteStep> Plan(WindowsAdapterChange change)
    {
        var steps = new List<AdapterWriteStep>();
        foreach (var group in AdapterOffloadSettings.InWriteOrder.Where(s => s.CimProperty is not null && change.Settings.ContainsKey(s.Name)).GroupBy(s => s.CimClass))
        {
            if (instances.Get(group.Key) is null)
            {
                steps.AddRange(group.Select(s => KeywordStep(s, change.Settings[s.Name])));
                continue;
            }

            steps.Add(TypedClassStep(group.Key, group.ToList(), change));
        }

        foreach (var source in AdapterOffloadSettings.InWriteOrder.Where(s => s.CimProperty is null && change.Settings.ContainsKey(s.Name)))
        {
            var value = change.Settings[source.Name];
            var text = AdapterSettingCodec.ToNdis(source, value, []);
            if (instances.Get(CimClassNames.AdvancedProperty) is null)
            {
                steps.Add(KeywordStep(source, value));
                continue;
            }

            if (instances.AdvancedProperty(source.NdisKeyword) is null)
            {
                throw Unsupported(source.Name, MissingKeyword(source, k => instances.AdvancedProperty(k) is not null));
            }

            steps.Add(AdvancedPropertyStep(source.NdisKeyword, text, source.Name, applied => applied.Settings[source.Name] = value));
        }

        foreach (var (keyword, text) in change.AdvancedProperties)
        {
            steps.Add(instances.Get(CimClassNames.AdvancedProperty) is null
                ? RawKeywordStep(keyword, text)
                : AdvancedPropertyStep(keyword, text, keyword, applied => applied.AdvancedProperties[keyword] = text));
        }

        return steps;
    }

    private AdapterWriteStep TypedClassStep(string className, List<AdapterOffloadSetting> sources, WindowsAdapterChange change)
    {
        var instance = instances.Single(className)
            ?? throw Unsupported(sources[0].Name, $"no {className} instance");
        var changes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            if (instance[source.CimProperty!] is not { IsNull: false })
            {
                throw Unsupported(source.Name, $"{className}.{source.CimProperty} is not reported");
            }

            changes[source.CimProperty!] = AdapterSettingCodec.ToCim(source, change.Settings[source.Name]);
        }

        var names = string.Join(", ", sources.Select(s => s.Name));
        var what = $"changing {names} of adapter '{adapter.Name}'";
        Action write = className == CimClassNames.IPsecOffload
            ? () => platform.InvokeMethod(instance, IPsecSetMethod, IPsecSetArguments((bool)changes[sources[0].CimProperty!]!), what)
            : () => platform.Modify(instance, changes, CimWindowsOffloadPlatform.SettingDataOptions, what, null);
        return new AdapterWriteStep(
            write,
            applied =>
            {
                foreach (var source in sources)
                {
                    applied.Settings[source.Name] = change.Settings[source.Name];
                }
            });
    }

    // MSFT_NetAdapterIPsecOffloadV2SettingData documents a Set method, the one Set-NetAdapterIPsecOffload matches:
    // uint32 Set([in] boolean Enabled, [in] boolean NoRestart, [in] boolean PassThru, [out] string cmdletOutput), where
    // NoRestart true keeps the provider from restarting the adapter ("By default, the adapter will restart")
    // (learn.microsoft.com/windows/win32/fwp/wmi/netadaptercimprov/set-msft-netadapteripsecoffloadv2settingdata).
    // It replaces a ModifyInstance with the undocumented NoRestart operation option. The other classes keep
    // ModifyInstance: their documented Enable/Disable methods take no NoRestart (LSO and RSC: IPv4, IPv6; RSS: none;
    // checksum: booleans and an RxTxControl documented as "TBD"), so they could neither promise no restart nor say a
    // checksum direction or LSO v1.
    private const string IPsecSetMethod = "Set";

    private static Dictionary<string, object?> IPsecSetArguments(bool enabled) => new(StringComparer.Ordinal)
    {
        ["Enabled"] = enabled,
        ["NoRestart"] = true,
        ["PassThru"] = false,
    };

    private AdapterWriteStep AdvancedPropertyStep(string keyword, string text, string what, Action<WindowsAdapterChange> markApplied)
    {
        var instance = instances.AdvancedProperty(keyword)
            ?? throw new DscOffloadException(ErrorKind.NotSupported, $"adapter '{adapter.Name}' has no advanced property '{keyword}': its driver does not define it, and keywords cannot be created");
        var valid = instance.GetStringArray("ValidRegistryValues") ?? [];
        var multiString = instance.GetNumber("RegistryDataType") == 7;
        string[] value = multiString ? text.Split(',') : [text];
        var invalid = value.FirstOrDefault(v => valid.Count > 0 && !valid.Contains(v, StringComparer.OrdinalIgnoreCase));
        if (invalid is not null)
        {
            throw new DscOffloadException(ErrorKind.NotSupported, $"'{invalid}' is not a valid value of '{keyword}' on adapter '{adapter.Name}'; valid values: {string.Join(", ", valid)}");
        }

        if (!multiString && NumericKeywordRange.FromCim(instance) is { } range)
        {
            range.Check(adapter.Name, keyword, text);
        }

        var changes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["RegistryValue"] = value };
        var validText = valid.Count > 0 ? string.Join(", ", valid) : null;
        return new AdapterWriteStep(
            () => platform.Modify(instance, changes, CimWindowsOffloadPlatform.SettingDataOptions, $"changing {what} of adapter '{adapter.Name}' to '{text}'", validText),
            markApplied);
    }

    private AdapterWriteStep KeywordStep(AdapterOffloadSetting source, object value)
    {
        if (!keywords.Keywords.TryGetValue(source.NdisKeyword, out var keyword))
        {
            throw Unsupported(source.Name, MissingKeyword(source, keywords.Keywords.ContainsKey));
        }

        var text = AdapterSettingCodec.ToNdis(source, value, keyword.ValidValues);
        NdisKeywordStore.Validate(adapter.Name, keyword, text);
        return new AdapterWriteStep(() => keywords.Write(keyword.Name, text), applied => applied.Settings[source.Name] = value);
    }

    private AdapterWriteStep RawKeywordStep(string keyword, string text)
    {
        var defined = NdisKeywordStore.Require(adapter.Name, keywords.Keywords, keyword);
        NdisKeywordStore.Validate(adapter.Name, defined, text);
        return new AdapterWriteStep(() => keywords.Write(defined.Name, text), applied => applied.AdvancedProperties[keyword] = text);
    }

    // A driver with only the grouped keyword sets TCP and UDP together: writing it for one setting would change the other
    // behind the document's back, so the document has to say it (the grouped keyword under advancedProperties).
    private static string MissingKeyword(AdapterOffloadSetting source, Func<string, bool> defines) =>
        source.GroupedNdisKeyword is { } grouped && defines(grouped)
            ? $"its driver defines only {grouped}, which sets TCP and UDP checksum offload together; set advancedProperties.'{grouped}' instead"
            : $"its driver does not define {source.NdisKeyword}";

    private DscOffloadException Unsupported(string setting, string reason) =>
        new(ErrorKind.NotSupported, $"adapter '{adapter.Name}' does not support {setting} ({reason})");
}
