using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Windows.Live;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Settings;

namespace DscOffload.Windows.Recorded;

/// <summary>
/// Replays a recorded Windows host (exported GlobalOffload and NetAdapterOffload instances) through
/// the same platform interface as the live CIM backend. A property missing from an adapter's record
/// means the adapter does not have that feature. Read-only: any write is refused.
/// </summary>
internal sealed class RecordedWindowsPlatform : IWindowsOffloadPlatform
{
    private readonly RecordedHost _host;
    private readonly List<WindowsAdapterInfo> _adapters = [];
    private readonly Dictionary<string, RecordedObject> _adapterState = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes the recorded Windows instances of <paramref name="host"/>.</summary>
    public RecordedWindowsPlatform(RecordedHost host)
    {
        _host = host;
        foreach (var instance in host.InstancesOf(AdapterOffloadSettings.TypeName))
        {
            var p = instance.Values;
            // An export writes the adapter's name escaped (a pattern that matches only it); the adapter is the literal.
            var name = p.StringOf("name") is { } exported ? WildcardPattern.Unescape(exported) : instance.Name;
            var guid = p.StringOf("interfaceGuid") ?? $"{{recorded-{name}}}";
            if (!_adapterState.TryAdd(guid, p))
            {
                throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"recorded host '{host.HostName}' lists adapter {guid} twice", instance.Location);
            }

            _adapters.Add(new WindowsAdapterInfo(name, p.StringOf("interfaceDescription") ?? "", guid, p.IsTrue("includeHidden")));
        }

        _adapters.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public string HostName => _host.HostName;

    /// <inheritdoc />
    /// <remarks>
    /// From the snapshot's <c>metadata.DscOffload.osVersion</c> (<c>10.0.17763</c>: the third part is the build; a bare
    /// build number is accepted too); null when the recording has none.
    /// </remarks>
    public int? ReadOsBuild()
    {
        if (_host.OperatingSystemVersion is not { } version)
        {
            return null;
        }

        var parts = version.Split('.');
        var build = parts.Length >= 3 ? parts[2] : parts.Length == 1 ? parts[0] : null;
        return int.TryParse(build, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new DscOffloadException(ErrorKind.InvalidInput,
                $"recorded host '{_host.HostName}' ({_host.SourcePath}) has osVersion '{version}'; expected a Windows version such as 10.0.17763");
    }

    /// <inheritdoc />
    public GlobalOffloadState ReadGlobal()
    {
        var instances = _host.InstancesOf(GlobalOffloadSettings.TypeName);
        if (instances.Count == 0)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                $"recorded host '{_host.HostName}' ({_host.SourcePath}) has no {GlobalOffloadSettings.TypeName} instance");
        }

        var p = instances[0].Values;
        var state = new GlobalOffloadState();
        foreach (var setting in GlobalOffloadSettings.CimSettings)
        {
            if (p.StringOf(setting.Name) is { } value)
            {
                state.Settings[setting.Name] = value;
            }
        }

        var tcpip = p.ObjectOf("tcpipParameters");
        foreach (var name in GlobalOffloadSettings.TcpipParameters.Select(t => t.Name))
        {
            if (tcpip is null || !tcpip.TryGet(name, out var value) || value.Kind == RecordedValueKind.Null)
            {
                state.TcpipParameters[name] = null;
            }
            else
            {
                state.TcpipParameters[name] = value.Kind == RecordedValueKind.Boolean
                    ? value.Boolean
                    : throw new DscOffloadException(ErrorKind.InvalidInput,
                        $"recorded tcpipParameters.{name} must be true, false or null", value.Location);
            }
        }

        return state;
    }

    /// <inheritdoc />
    public IReadOnlyList<WindowsAdapterInfo> ListAdapters() => _adapters;

    /// <inheritdoc />
    public WindowsAdapterOffloadState ReadAdapter(WindowsAdapterInfo adapter)
    {
        if (!_adapterState.TryGetValue(adapter.InterfaceGuid, out var p))
        {
            throw new DscOffloadException(ErrorKind.NoMatch, $"recorded host '{_host.HostName}' has no adapter '{adapter.Name}'");
        }

        var state = new WindowsAdapterOffloadState();
        var next = 0;
        foreach (var setting in AdapterOffloadSettings.All)
        {
            var name = setting.Name;
            if (!p.TryGet(name, ref next, out var value) || value.Kind == RecordedValueKind.Null)
            {
                continue;
            }

            state.Settings[name] = setting switch
            {
                { ValueNames: { } names } when value.IsString && OffloadValueNames.IndexOf(names, value.String) is not null => value.String,
                { IsNumber: true } when value.Kind == RecordedValueKind.Integer && value.Integer is var n && n >= 0 && n <= setting.Maximum => n,
                { IsBoolean: true } when value.Kind == RecordedValueKind.Boolean => value.Boolean,
                _ => throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"recorded {name} of '{adapter.Name}' has the wrong type or value: {value.ToToken().ToString(Newtonsoft.Json.Formatting.None)}", value.Location),
            };
        }

        // Recordings made before operational states were exported have none: nothing is claimed for them.
        if (p.ObjectOf("operationalState") is { } operational)
        {
            foreach (var known in AdapterOperationalStates.All)
            {
                if (operational.TryGet(known.Setting, out var value) && value.Kind != RecordedValueKind.Null)
                {
                    state.OperationalStates[known.Setting] = value.IsString && AdapterOperationalStates.Values.Contains(value.String)
                        ? value.String
                        : throw new DscOffloadException(ErrorKind.InvalidInput,
                            $"recorded operationalState.{known.Setting} of '{adapter.Name}' must be one of {string.Join(", ", AdapterOperationalStates.Values)}", value.Location);
                }
            }
        }

        if (p.ObjectOf("advancedProperties") is { } advanced)
        {
            for (var i = 0; i < advanced.Count; i++)
            {
                var value = advanced.ValueAt(i);
                state.AdvancedProperties[advanced.NameAt(i)] = value.IsString ? value.String : value.ToToken().ToString();
            }
        }

        // An export names either a typed setting or the NDIS keyword behind it, never both (input may not); the
        // driver has both all the same, so the one left out is read back from the other.
        foreach (var setting in AdapterOffloadSettings.All)
        {
            if (state.Settings.TryGetValue(setting.Name, out var value))
            {
                state.AdvancedProperties.TryAdd(setting.NdisKeyword, AdapterSettingCodec.ToNdis(setting, value, []));
            }
            else if (FirstRecorded(state.AdvancedProperties, setting) is { } text
                && AdapterSettingCodec.FromNdis(setting, text) is { } typed)
            {
                state.Settings[setting.Name] = typed;
            }
        }

        return state;
    }

    // The first of the setting's keywords (NdisKeywords' order) the recording has; no LINQ and no keyword list per call:
    // this runs for every adapter of every host of a fleet.
    private static string? FirstRecorded(Dictionary<string, string> advanced, AdapterOffloadSetting setting) =>
        advanced.TryGetValue(setting.NdisKeyword, out var text) ? text
        : setting.GroupedNdisKeyword is { } grouped && advanced.TryGetValue(grouped, out var other) ? other
        : null;

    /// <inheritdoc />
    public void WriteGlobal(GlobalOffloadState changes) => throw ReadOnly();

    /// <inheritdoc />
    public void WriteAdapter(WindowsAdapterInfo adapter, WindowsAdapterChange change) => throw ReadOnly();

    /// <inheritdoc />
    public void RestartAdapter(WindowsAdapterInfo adapter) => throw ReadOnly();

    private DscOffloadException ReadOnly() =>
        new(ErrorKind.NotAllowed, $"recorded host '{_host.HostName}' is read-only; use --what-if to preview changes");
}
