using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Recorded;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Resources.NetAdapterOffload;

/// <summary>
/// <c>DscOffload.Linux/NetAdapterOffload</c>: kernel features and queue counts per interface over
/// <see cref="IEthtoolDevices"/>. Comparison always uses the active state; a request the kernel records
/// but does not activate is a failure with the reason, never a success.
/// </summary>
/// <remarks>
/// <c>persist: SystemdLink</c> adds the setting <c>persist</c> to each interface: <c>SystemdLink</c> when its
/// <c>.link</c> file (<see cref="SystemdLinkFile"/>) already says what is desired, <c>None</c> otherwise, so an
/// interface is not in desired state until the file matches; each <c>adapters</c> entry shows it as the
/// read-only <c>persisted</c> (null without <c>persist: SystemdLink</c>). A desired state that a <c>.link</c>
/// file cannot express is a ValidationFailed error in get, test and set alike, before anything is changed,
/// because it is a property of the document rather than of the host. Set writes the file (atomically, only
/// when its content differs) after the kernel state of that interface is verified. <c>Netplan</c> and
/// <c>NetworkManager</c> work the same way with their stores (each an <see cref="IOffloadPersistence"/>), and
/// <c>Auto</c> picks one per interface (<see cref="PersistencePicker"/>); the setting then reads the store's name or <c>None</c>.
/// </remarks>
internal sealed class LinuxNetAdapterOffloadResource : AdapterOffloadResource, IFileWritingResource
{
    /// <summary>
    /// Environment variable naming the directory for <c>.link</c> files instead of
    /// <see cref="SystemdLinkFile.DefaultDirectory"/> (<c>/etc/systemd/network</c>), for example to stage
    /// files for an image or to test.
    /// </summary>
    public const string SystemdNetworkDirectoryVariable = "DSCOFFLOAD_SYSTEMD_NETWORK_DIR";

    private readonly IEthtoolDevices _devices;
    private readonly bool _live;
    private readonly PersistenceLocations _locations;
    private readonly SystemdLinkPersistence? _persistence;
    private readonly NetworkManagerPersistence? _networkManager;
    // Looked up only when a document asks for a store: finding netplan searches PATH, which a resource call without
    // persist (the hot path) should not pay for.
    private readonly Lazy<NetplanPersistence?> _netplan;
    private readonly OtherNetworkStacks? _stacks;
    private readonly RecordedNetworkConfigFiles? _recording;

    // The store each interface's persistence goes to in the running test or set (with Auto, picked per interface).
    private readonly Dictionary<string, IOffloadPersistence> _picked = new(StringComparer.Ordinal);

    // The desired settings of the running test or set: Apply receives only the differences, but also needs
    // the satisfied ones (a feature that is off as desired yet still requested on) and the persistence check.
    private IReadOnlyList<DesiredSetting> _desired = [];

    /// <summary>Binds the resource to a device API (live, recorded or fake).</summary>
    /// <param name="devices">The interfaces.</param>
    /// <param name="live">True for the running host: changes need root, and <c>.link</c> files are read from and
    /// written to <see cref="SystemdNetworkDirectoryVariable"/> or else <c>/etc/systemd/network</c>.</param>
    /// <param name="linkFiles">Where <c>.link</c> files are; null means the default for a live host and none for
    /// recorded state, whose files are not known (persistence is then validated but not compared).</param>
    /// <param name="otherStacks">Where NetworkManager, netplan, ifupdown and udev rules keep their settings; null means
    /// <see cref="OtherStacksFromEnvironment"/> for a live host and none otherwise.</param>
    /// <param name="networkManager">The NetworkManager profiles <c>persist: NetworkManager</c> edits; null means those below
    /// <see cref="NetworkConfigurationRootVariable"/> (or <c>/</c>) with the running NetworkManager for a live host, and none otherwise.</param>
    /// <param name="netplan">Where <c>persist: Netplan</c> reads and writes netplan files; null means
    /// <see cref="NetplanFromEnvironment"/> for a live host and none for recorded state (then validated, not compared).</param>
    /// <param name="recording">The network configuration files and device facts a snapshot recorded: <c>persist: SystemdLink</c> and
    /// <c>NetworkManager</c> are then compared over them by the same detection as on a live host (read-only); null when the recording carries none.</param>
    /// <param name="locations">For a live host: the redirecting variables (null: this process's environment), which the
    /// stores not given above follow and which refuse stores that would touch the host's files in a redirected run.</param>
    public LinuxNetAdapterOffloadResource(IEthtoolDevices devices, bool live, SystemdLinkFile? linkFiles = null, OtherNetworkStacks? otherStacks = null,
        NetworkManagerPersistence? networkManager = null, NetplanPersistence? netplan = null, RecordedNetworkConfigFiles? recording = null,
        PersistenceLocations? locations = null)
        : base(LinuxNetAdapterOffloadDescriptor.Descriptor)
    {
        _devices = devices;
        _live = live;
        _recording = live ? null : recording;
        var where = _locations = locations ?? (live ? PersistenceLocations.FromEnvironment() : new PersistenceLocations(null, null, []));
        linkFiles ??= live ? where.LinkFiles() : _recording is null ? null : new SystemdLinkFile(recording: _recording);
        otherStacks ??= live ? where.Stacks() : _recording is null ? null : new OtherNetworkStacks("/", _recording);
        _persistence = linkFiles is null ? null : new SystemdLinkPersistence(linkFiles, otherStacks);
        _stacks = otherStacks;
        _networkManager = networkManager ?? (live ? new NetworkManagerPersistence(where.Root, otherStacks, new NmcliNetworkManager())
            : _recording is null ? null : new NetworkManagerPersistence("/", otherStacks, new RecordedNetworkManagerControl(), _recording));
        _netplan = netplan is not null ? new(netplan) : new(() => live ? NetplanBelow(where.Root, otherStacks) : null);
    }

    /// <summary>
    /// The directories a live set of this type writes files in, read from the environment: the <c>.link</c> directory
    /// first, then netplan's and NetworkManager's keyfile directory, each accepting only its own kind of file, so a
    /// rollback puts back nothing else. After putting netplan files back, a rollback runs <c>netplan generate</c>, and
    /// after profiles, <c>nmcli connection load</c>, as the set did after writing them.
    /// </summary>
    public static IReadOnlyList<RestorableFileDirectory> RestorableDirectoriesFromEnvironment() =>
        RestorableDirectories(PersistenceLocations.FromEnvironment(), NetplanGenerator.Find, new NmcliNetworkManager());

    /// <summary><see cref="RestorableDirectoriesFromEnvironment"/> for <paramref name="locations"/>, with the tools the follow-ups run.</summary>
    public static IReadOnlyList<RestorableFileDirectory> RestorableDirectories(PersistenceLocations locations, Func<NetplanGenerator?> netplan,
        INetworkManagerControl networkManager)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var root = locations.Root;
        return
        [
            new(locations.LinkFiles().Directory, SystemdNetworkDirectoryVariable) { Kind = RestorableFileKind.SystemdLink },
            new(Path.Combine(root, "etc", "netplan"), NetworkConfigurationRootVariable)
            {
                Kind = RestorableFileKind.Netplan,
                AfterRestore = (files, tell) => NetplanPersistence.RenderAfterRestore(root, netplan(), files, tell),
            },
            new(Path.Combine(root, NetworkManagerProfiles.Directories[0]), NetworkConfigurationRootVariable)
            {
                Kind = RestorableFileKind.NetworkManagerProfile,
                AfterRestore = (files, tell) => NetworkManagerPersistence.ReloadAfterRestore(networkManager, files, tell),
            },
        ];
    }

    /// <summary>NetworkManager's keyfile directory of the live host (below <see cref="NetworkConfigurationRootVariable"/> or <c>/</c>), whose profiles <c>persist: NetworkManager</c> edits.</summary>
    public static string NetworkManagerProfileDirectoryFromEnvironment() => Path.Combine(NetworkConfigurationRoot(), NetworkManagerProfiles.Directories[0]);

    /// <summary>What a snapshot of the live host records of its network configuration (below <see cref="NetworkConfigurationRoot"/>), so that a dry run against it sees the same shadows.</summary>
    public static Newtonsoft.Json.Linq.JObject RecordNetworkConfiguration() => Recorded.NetworkConfigRecorder.RecordLive(NetworkConfigurationRoot());

    /// <summary>The directory the network tools' configuration is read below on the live host: <see cref="NetworkConfigurationRootVariable"/> when set, else <c>/</c>.</summary>
    public static string NetworkConfigurationRoot() =>
        Environment.GetEnvironmentVariable(NetworkConfigurationRootVariable) is { Length: > 0 } root ? Path.GetFullPath(root) : "/";

    /// <summary>
    /// The netplan files of the live host: below <see cref="NetworkConfigurationRootVariable"/> when set, else below
    /// <c>/</c>; <c>netplan generate</c> runs after a write where netplan is installed.
    /// </summary>
    public static NetplanPersistence NetplanFromEnvironment(OtherNetworkStacks? otherStacks) => NetplanBelow(NetplanRootFromEnvironment(), otherStacks);

    private static NetplanPersistence NetplanBelow(string root, OtherNetworkStacks? otherStacks) =>
        new(root, otherStacks, NetplanGenerator.Find(), NetplanPersistence.LinkSearchPathBelow(root));

    /// <summary>The directory netplan's files are below on the live host: <see cref="NetworkConfigurationRootVariable"/> when set, else <c>/</c>.</summary>
    public static string NetplanRootFromEnvironment() => PersistenceLocations.FromEnvironment().Root;

    /// <summary>
    /// Environment variable naming a directory to read the other network tools' configuration below (its
    /// <c>etc/NetworkManager</c>, <c>etc/netplan</c>, <c>etc/network</c>, <c>etc/udev/rules.d</c>, ...) instead of <c>/</c>.
    /// </summary>
    public const string NetworkConfigurationRootVariable = "DSCOFFLOAD_NETWORK_CONFIG_ROOT";

    /// <summary>
    /// The other network tools of the live host: below <see cref="NetworkConfigurationRootVariable"/> when set; else
    /// below <c>/</c>, unless <see cref="SystemdNetworkDirectoryVariable"/> points the <c>.link</c> file elsewhere (a
    /// staging directory is not compared with the host's files).
    /// </summary>
    public static OtherNetworkStacks? OtherStacksFromEnvironment() => PersistenceLocations.FromEnvironment().Stacks();

    /// <summary>
    /// The <c>.link</c> store of the live host: <see cref="SystemdNetworkDirectoryVariable"/> when set, else
    /// <c>etc/systemd/network</c> below <see cref="NetworkConfigurationRootVariable"/> when that is set, else the default directory.
    /// </summary>
    public static SystemdLinkFile LinkFilesFromEnvironment() => PersistenceLocations.FromEnvironment().LinkFiles();

    /// <summary>
    /// Environment variable naming, separated by ':', the other directories whose <c>.link</c> files compete with
    /// dscoffload's when <see cref="SystemdNetworkDirectoryVariable"/> is set (by default none are read then, so a
    /// staging directory is not compared with the host's files).
    /// </summary>
    public const string OtherLinkDirectoriesVariable = "DSCOFFLOAD_SYSTEMD_LINK_PATH";

    /// <inheritdoc />
    protected override string HiddenSelectionProperty => "includeLoopback";

    /// <inheritdoc />
    protected override IReadOnlyList<string> SelectionProperties => LinuxNetAdapterOffloadDescriptor.SelectionProperties;

    /// <inheritdoc />
    protected override AdapterSelector ReadSelector(JObject input) => new()
    {
        NamePattern = input["name"]?.Value<string>() ?? "*",
        IgnoreCase = false,
        ExcludePatterns = input["excludeName"] is JArray ex ? ex.Select(e => e.Value<string>()!).ToList() : [],
        IncludeHidden = LinuxNetAdapterOffloadDescriptor.Flag(input, "includeLoopback"),
        AllowNoMatch = LinuxNetAdapterOffloadDescriptor.Flag(input, "allowNoMatch"),
    };

    /// <inheritdoc />
    protected override IReadOnlyList<AdapterCandidate> ListAdapters()
    {
        var result = new List<AdapterCandidate>();
        foreach (var i in _devices.ListInterfaces())
        {
            var identity = new JObject { ["ifindex"] = i.IfIndex };
            if (i.PermanentAddress is not null)
            {
                identity["permanentAddress"] = i.PermanentAddress;
            }

            result.Add(new AdapterCandidate(i.Name, null, i.IsLoopback, identity, i));
        }

        return result;
    }

    /// <inheritdoc />
    protected override AdapterSnapshot Read(AdapterCandidate adapter)
    {
        var features = _devices.GetFeatures(adapter.Name);
        var settings = new List<KeyValuePair<SettingKey, AdapterSetting>>(features.Features.Count + 3);
        var fixedNames = new JArray();
        var pending = new JArray();
        foreach (var f in features.Features)
        {
            // A feature fixed off is one the device does not have (off is satisfied, on is not supported);
            // fixed on is present but unchangeable. Either way its value is reported.
            var changeable = f.Changeable && !f.NeverChangeable;
            var support = changeable ? SettingSupport.Changeable : f.Active ? SettingSupport.Fixed : SettingSupport.Absent;
            settings.Add(new(new SettingKey("features", f.Name), new AdapterSetting(f.Active, support)));
            if (!changeable)
            {
                fixedNames.Add(f.Name);
            }
            else if (f.Requested != f.Active)
            {
                pending.Add(f.Name);
            }
        }

        var extras = new JObject { ["fixedFeatures"] = fixedNames };
        if (pending.Count > 0)
        {
            extras["pendingFeatures"] = pending;
        }

        if (_devices.GetChannels(adapter.Name) is { } channels)
        {
            extras["maxChannels"] = ChannelRequests.Read(channels, settings);
        }

        return new AdapterSnapshot(adapter, settings, extras);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<DesiredSetting> ReadDesired(JObject desired, IReadOnlyList<AdapterSnapshot> matched)
    {
        var result = new List<DesiredSetting>();
        if (desired["features"] is JObject features)
        {
            result.AddRange(FeatureExpansion.Expand(features, matched));
        }

        if (desired["channels"] is JObject channels)
        {
            result.AddRange(ChannelRequests.Desired(channels, matched));
        }

        if (RequestedPersistence(desired) is { } persist && StoreFor(persist) is not null)
        {
            result.Add(new DesiredSetting(SystemdLinkPersistence.Key, persist, IsOff: false, desired["persist"]!));
        }

        return result;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<AdapterSnapshot> RelateToDesired(
        IReadOnlyList<AdapterSnapshot> adapters, JObject desired, IReadOnlyList<DesiredSetting>? settings, OperationContext context)
    {
        if (settings is not null)
        {
            _desired = settings;
        }

        if (RequestedPersistence(desired) is not { } persist || adapters.Count == 0)
        {
            return adapters;
        }

        if (_live && _locations.Refusal(persist) is { } refused)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed, refused);
        }

        settings ??= ReadDesired(desired, adapters);
        var result = new List<AdapterSnapshot>(adapters.Count);
        ReportSkippedRecordedFiles(persist, context);
        foreach (var adapter in adapters)
        {
            var device = (LinuxInterface)adapter.Adapter.Handle;
            var facts = _live ? LinkDeviceFactsReader.Live.Read(device) : _recording?.FactsOf(device) ?? LinkDeviceFactsReader.WithoutHost(device);
            // A recording holds files, not running services: whether NetworkManager runs (Auto) and netplan renders (Netplan)
            // are live questions, so only the stores decided by files alone are compared.
            var store = _recording is not null && persist is not (SystemdLinkPersistence.SystemdLink or NetworkManagerPersistence.NetworkManager) ? null
                : persist == PersistencePicker.Auto ? PersistencePicker.Pick(facts, _persistence, _networkManager, _netplan.Value, _stacks, context)
                : StoreFor(persist);
            if (store is null)
            {
                ValidateOnly(persist, adapter, settings, desired, _recording is not null, context);
                result.Add(adapter);
                continue;
            }

            _picked[adapter.Adapter.Name] = store;
            var related = store.Relate(adapter, settings, desired, facts, context);
            result.Add(persist == store.Name ? related : PersistencePicker.AsRequested(related, store.Name, persist));
        }

        return result;
    }

    // Recorded state without the compared files: what the store can express is still checked, because it is a property of
    // the document, and persisted is left unknown rather than guessed.
    private static void ValidateOnly(string persist, AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired, bool carriesFiles,
        OperationContext context)
    {
        var name = adapter.Adapter.Name;
        var why = carriesFiles
            ? $"the recording carries persisted sources, but {(persist == PersistencePicker.Auto ? "what manages the interface (whether NetworkManager runs)" : "what netplan renders")} is known only on the live host, so persist {persist}"
            : $"the recording does not carry persisted sources (a snapshot without metadata.DscOffload.{RecordedNetworkConfigFiles.SectionName}), so persist {persist}";
        switch (persist)
        {
            case NetworkManagerPersistence.NetworkManager:
                _ = NetworkManagerPlanner.Map(adapter, settings, desired);
                break;
            case NetplanPersistence.Netplan:
                _ = NetplanPlanner.Map(adapter, settings, desired);
                break;
            case PersistencePicker.Auto:
                break;
            default:
                _ = SystemdLinkPlanner.Map(adapter, settings, desired);
                break;
        }

        context.Info(persist == PersistencePicker.Auto
            ? $"'{name}': {why} is not compared"
            : $"'{name}': {why} is checked for what it can express, not compared");
    }

    // A file the snapshot left out (too large, unreadable) is not read; say so once per call instead of guessing what it holds.
    private void ReportSkippedRecordedFiles(string persist, OperationContext context)
    {
        if (_recording is not null && persist is SystemdLinkPersistence.SystemdLink or NetworkManagerPersistence.NetworkManager)
        {
            foreach (var skipped in _recording.Skipped)
            {
                context.Warn($"the recording left out {skipped}; a shadow in it is not detected");
            }
        }
    }

    /// <summary>
    /// The files of the picked store (<c>.link</c> file, netplan file or NetworkManager profiles) of the interfaces whose
    /// <c>persisted</c> is false in <paramref name="test"/>: set writes those (once the running state is verified), so
    /// the journal saves them first.
    /// </summary>
    public IReadOnlyList<string> FilesSetWillWrite(TestOutcome test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (test.ActualState["adapters"] is not JArray adapters)
        {
            return [];
        }

        return [.. adapters.OfType<JObject>()
            .Where(a => a["persisted"] is { Type: JTokenType.Boolean } persisted && !persisted.Value<bool>() && a["name"]?.Type == JTokenType.String)
            .SelectMany(a => _picked.TryGetValue(a["name"]!.Value<string>()!, out var store) ? store.FilesFor(a["name"]!.Value<string>()!) : [])];
    }

    /// <inheritdoc />
    protected override void DescribeAdapter(JObject entry, AdapterSnapshot adapter) =>
        entry["persisted"] = adapter.Get(SystemdLinkPersistence.Key).Value is { } persist
            ? persist.Value<string>() != "None"
            : JValue.CreateNull();

    /// <inheritdoc />
    protected override void EnsureCanChange(OperationContext context)
    {
        if (_live && !Environment.IsPrivilegedProcess)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired,
                "changing offload features needs root; run with sudo; nothing was changed");
        }
    }

    /// <inheritdoc />
    protected override AdapterApplyReport Apply(AdapterComparison comparison, JObject desired, OperationContext context)
    {
        var report = new AdapterApplyReport();
        var name = comparison.Snapshot.Adapter.Name;
        var store = _picked.GetValueOrDefault(name);
        store?.EnsureWritableIfNeeded(comparison);
        var features = FeatureApplyOrder.Of(comparison, _desired);
        var channels = ChannelRequests.ToWrite(comparison, () => _devices.GetChannels(name)?.Current);
        var before = features.IsEmpty ? null : _devices.GetFeatures(name);
        features.Apply(_devices, name, report);
        if (before is not null && report.Problems.Count > 0)
        {
            InvisibleRequestRestorer.PutBack(_devices, name, before, features.Features, report);
        }

        if (channels is not null)
        {
            _devices.SetChannels(name, channels);
        }

        store?.WriteIfVerified(comparison, () => Read(comparison.Snapshot.Adapter), _desired, report, context);
        context.Debug($"'{name}': applied {features.Count} feature change(s){(channels is null ? "" : " and channel counts")}");
        return report;
    }

    // The store a persist value other than Auto names (for Auto, any store there is: it picks per interface); null on recorded state.
    private IOffloadPersistence? StoreFor(string persist) => persist switch
    {
        NetworkManagerPersistence.NetworkManager => _networkManager,
        NetplanPersistence.Netplan => _netplan.Value,
        PersistencePicker.Auto => _persistence ?? _networkManager ?? (IOffloadPersistence?)_netplan.Value,
        _ => _persistence,
    };

    // The persist value asking for a store, or null for None (or absent).
    private static string? RequestedPersistence(JObject desired) =>
        desired["persist"] is { Type: JTokenType.String } persist && persist.Value<string>() is { } value && value != "None" ? value : null;
}
