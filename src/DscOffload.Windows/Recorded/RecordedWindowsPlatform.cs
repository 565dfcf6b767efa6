using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Recorded;
using DscOffload.Windows.Live;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Settings;
using Newtonsoft.Json.Linq;

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
    private readonly Dictionary<string, JObject> _adapterState = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes the recorded Windows instances of <paramref name="host"/>.</summary>
    public RecordedWindowsPlatform(RecordedHost host)
    {
        _host = host;
        foreach (var instance in host.InstancesOf(AdapterOffloadSettings.TypeName))
        {
            var p = instance.Properties;
            // An export writes the adapter's name escaped (a pattern that matches only it); the adapter is the literal.
            var name = Text(p, "name") is { } exported ? WildcardPattern.Unescape(exported) : instance.Name;
            var guid = Text(p, "interfaceGuid") ?? $"{{recorded-{name}}}";
            if (!_adapterState.TryAdd(guid, p))
            {
                throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"recorded host '{host.HostName}' lists adapter {guid} twice", instance.Location);
            }

            _adapters.Add(new WindowsAdapterInfo(name, Text(p, "interfaceDescription") ?? "", guid,
                p["includeHidden"]?.Type == JTokenType.Boolean && p["includeHidden"]!.Value<bool>()));
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

        var p = instances[0].Properties;
        var state = new GlobalOffloadState();
        foreach (var setting in GlobalOffloadSettings.CimSettings)
        {
            if (Text(p, setting.Name) is { } value)
            {
                state.Settings[setting.Name] = value;
            }
        }

        var tcpip = p["tcpipParameters"] as JObject;
        foreach (var name in GlobalOffloadSettings.TcpipParameters.Select(t => t.Name))
        {
            state.TcpipParameters[name] = tcpip?[name] switch
            {
                { Type: JTokenType.Boolean } b => b.Value<bool>(),
                null or { Type: JTokenType.Null } => null,
                var other => throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"recorded tcpipParameters.{name} must be true, false or null", other.Location()),
            };
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
        foreach (var setting in AdapterOffloadSettings.All)
        {
            var name = setting.Name;
            var value = p[name];
            if (value is null || value.Type == JTokenType.Null)
            {
                continue;
            }

            state.Settings[name] = setting switch
            {
                { ValueNames: { } names } when value.Type == JTokenType.String && OffloadValueNames.IndexOf(names, value.Value<string>()!) is not null => value.Value<string>()!,
                { IsNumber: true } when value.Type == JTokenType.Integer && value.Value<long>() is var n && n >= 0 && n <= setting.Maximum => n,
                { IsBoolean: true } when value.Type == JTokenType.Boolean => value.Value<bool>(),
                _ => throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"recorded {name} of '{adapter.Name}' has the wrong type or value: {value.ToString(Newtonsoft.Json.Formatting.None)}", value.Location()),
            };
        }

        // Recordings made before operational states were exported have none: nothing is claimed for them.
        if (p["operationalState"] is JObject operational)
        {
            foreach (var known in AdapterOperationalStates.All)
            {
                if (operational[known.Setting] is { } value && value.Type != JTokenType.Null)
                {
                    state.OperationalStates[known.Setting] = value.Type == JTokenType.String && AdapterOperationalStates.Values.Contains(value.Value<string>()!)
                        ? value.Value<string>()!
                        : throw new DscOffloadException(ErrorKind.InvalidInput,
                            $"recorded operationalState.{known.Setting} of '{adapter.Name}' must be one of {string.Join(", ", AdapterOperationalStates.Values)}", value.Location());
                }
            }
        }

        if (p["advancedProperties"] is JObject advanced)
        {
            foreach (var kv in advanced.Properties())
            {
                state.AdvancedProperties[kv.Name] = kv.Value.Type == JTokenType.String ? kv.Value.Value<string>()! : kv.Value.ToString();
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
            else if (setting.NdisKeywords.Select(k => state.AdvancedProperties.GetValueOrDefault(k)).FirstOrDefault(t => t is not null) is { } text
                && AdapterSettingCodec.FromNdis(setting, text) is { } typed)
            {
                state.Settings[setting.Name] = typed;
            }
        }

        return state;
    }

    /// <inheritdoc />
    public void WriteGlobal(GlobalOffloadState changes) => throw ReadOnly();

    /// <inheritdoc />
    public void WriteAdapter(WindowsAdapterInfo adapter, WindowsAdapterChange change) => throw ReadOnly();

    /// <inheritdoc />
    public void RestartAdapter(WindowsAdapterInfo adapter) => throw ReadOnly();

    private static string? Text(JObject o, string name) => o[name]?.Type == JTokenType.String ? o[name]!.Value<string>() : null;

    private DscOffloadException ReadOnly() =>
        new(ErrorKind.NotAllowed, $"recorded host '{_host.HostName}' is read-only; use --what-if to preview changes");
}
