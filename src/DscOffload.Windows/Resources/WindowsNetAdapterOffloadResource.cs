using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources;

/// <summary>
/// <c>DscOffload.Windows/NetAdapterOffload</c> over <see cref="IWindowsOffloadPlatform"/>. Writes never
/// restart the adapter by themselves; the restart policy decides whether it is restarted once after
/// all of its changes or left with a pending restart. A write that fails part-way is not followed by a
/// restart: set stops there, and the values already written (exactly those the platform reports) are shown
/// as changed with <c>restartPending</c>, as are all of an adapter's changes when its restart fails.
/// </summary>
public sealed class WindowsNetAdapterOffloadResource : AdapterOffloadResource
{
    private readonly IWindowsOffloadPlatform _platform;
    private readonly bool _live;

    /// <summary>Binds the resource to a platform (live, recorded or fake).</summary>
    public WindowsNetAdapterOffloadResource(IWindowsOffloadPlatform platform, bool live)
        : base(WindowsNetAdapterOffloadDescriptor.Descriptor)
    {
        _platform = platform;
        _live = live;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> SelectionProperties => WindowsNetAdapterOffloadDescriptor.SelectionProperties;

    /// <inheritdoc />
    protected override AdapterSelector ReadSelector(JObject input) => new()
    {
        NamePattern = input["name"]?.Value<string>() ?? "*",
        IgnoreCase = true,
        DescriptionPattern = input["interfaceDescription"]?.Type == JTokenType.String ? input["interfaceDescription"]!.Value<string>() : null,
        ExcludePatterns = input["excludeName"] is JArray ex ? ex.Select(e => e.Value<string>()!).ToList() : [],
        IncludeHidden = input["includeHidden"]?.Type == JTokenType.Boolean && input["includeHidden"]!.Value<bool>(),
        AllowNoMatch = input["allowNoMatch"]?.Type == JTokenType.Boolean && input["allowNoMatch"]!.Value<bool>(),
    };

    /// <inheritdoc />
    protected override IReadOnlyList<AdapterCandidate> ListAdapters() =>
        _platform.ListAdapters()
            .Select(a => new AdapterCandidate(a.Name, a.InterfaceDescription, a.Hidden,
                new JObject { ["interfaceGuid"] = a.InterfaceGuid, ["interfaceDescription"] = a.InterfaceDescription }, a))
            .ToList();

    /// <inheritdoc />
    protected override AdapterSnapshot Read(AdapterCandidate adapter)
    {
        var state = _platform.ReadAdapter((WindowsAdapterInfo)adapter.Handle);
        var settings = new List<KeyValuePair<SettingKey, AdapterSetting>>();
        foreach (var (name, _, _) in WindowsNetAdapterOffloadDescriptor.Settings)
        {
            if (state.Settings.TryGetValue(name, out var value))
            {
                JToken token = value switch
                {
                    bool b => b,
                    string s => s,
                    _ => throw new DscOffloadException(ErrorKind.Unexpected, $"'{adapter.Name}' reported {name} as {value.GetType().Name}"),
                };
                settings.Add(new(new SettingKey(name), new AdapterSetting(token, SettingSupport.Changeable)));
            }
        }

        foreach (var (keyword, value) in state.AdvancedProperties.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
        {
            settings.Add(new(new SettingKey("advancedProperties", keyword), new AdapterSetting(value, SettingSupport.Changeable)));
        }

        return new AdapterSnapshot(adapter, settings);
    }

    /// <inheritdoc />
    protected override JObject ExportSelection(AdapterSnapshot adapter)
    {
        var selection = new JObject { ["name"] = adapter.Adapter.Name };
        if (adapter.Adapter.HiddenByDefault)
        {
            selection["includeHidden"] = true;
        }

        return selection;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<DesiredSetting> ReadDesired(JObject desired, IReadOnlyList<AdapterSnapshot> matched)
    {
        var result = new List<DesiredSetting>();
        foreach (var (name, isChecksum, _) in WindowsNetAdapterOffloadDescriptor.Settings)
        {
            if (desired[name] is { } value && value.Type != JTokenType.Null)
            {
                var off = isChecksum ? value.Value<string>() == "Disabled" : !value.Value<bool>();
                result.Add(new DesiredSetting(new SettingKey(name), value, off, value));
            }
        }

        if (desired["advancedProperties"] is JObject advanced)
        {
            foreach (var p in advanced.Properties())
            {
                // Keywords are case-insensitive in the registry; match the adapter's spelling so output is stable.
                var keyword = CanonicalKeyword(p.Name, matched);
                result.Add(new DesiredSetting(new SettingKey("advancedProperties", keyword), p.Value, p.Value.Value<string>() == "0", p.Value));
            }
        }

        return result;
    }

    /// <inheritdoc />
    protected override void EnsureCanChange(OperationContext context)
    {
        if (_live && !Environment.IsPrivilegedProcess)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired,
                "changing adapter offloads needs an elevated (administrator) process; nothing was changed");
        }
    }

    /// <inheritdoc />
    protected override AdapterApplyReport Apply(AdapterComparison comparison, JObject desired, OperationContext context)
    {
        var adapter = (WindowsAdapterInfo)comparison.Snapshot.Adapter.Handle;
        var change = new WindowsAdapterChange();
        foreach (var d in comparison.Differences)
        {
            if (d.Desired.Key.Property == "advancedProperties")
            {
                change.AdvancedProperties[d.Desired.Key.Member!] = d.Desired.Value.Value<string>()!;
            }
            else
            {
                change.Settings[d.Desired.Key.Property] = d.Desired.Value.Type == JTokenType.Boolean
                    ? d.Desired.Value.Value<bool>()
                    : d.Desired.Value.Value<string>()!;
            }
        }

        var report = new AdapterApplyReport();
        try
        {
            _platform.WriteAdapter(adapter, change);
        }
        catch (PartialAdapterWriteException e)
        {
            // Set stops here without restarting: what was written is configured but not yet active.
            throw new AdapterApplyException(e,
                $"{e.Message}; '{adapter.Name}' was not restarted, so what was already written ({Describe(e.Applied)}) takes effect at its next restart",
                new AdapterApplyReport { RestartPending = true });
        }

        if (desired["restart"]?.Value<string>() == "Never")
        {
            report.RestartPending = true;
            return report;
        }

        try
        {
            _platform.RestartAdapter(adapter);
        }
        catch (DscOffloadException e)
        {
            throw new AdapterApplyException(e,
                $"{e.Message}; the changes to '{adapter.Name}' ({Describe(change)}) are written but take effect only after it restarts",
                new AdapterApplyReport { RestartPending = true });
        }

        report.Restarted = true;
        return report;
    }

    private static string Describe(WindowsAdapterChange change) =>
        string.Join(", ", change.Settings.Keys.Concat(change.AdvancedProperties.Keys.Select(k => $"advancedProperties.{k}")));

    private static string CanonicalKeyword(string keyword, IReadOnlyList<AdapterSnapshot> matched)
    {
        foreach (var s in matched)
        {
            foreach (var (key, _) in s.Ordered)
            {
                if (key.Property == "advancedProperties" && string.Equals(key.Member, keyword, StringComparison.OrdinalIgnoreCase))
                {
                    return key.Member!;
                }
            }
        }

        return keyword;
    }
}
