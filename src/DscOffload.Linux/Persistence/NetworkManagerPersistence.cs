using System.Text;
using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// The <c>persist: NetworkManager</c> side of the Linux resource: the keyfile profile(s) bound to the interface
/// (<c>interface-name=</c> or <c>mac-address=</c>) get <c>[ethtool] feature-*</c> keys, which NetworkManager applies each
/// time it activates the profile. Only the keys of desired features change; every other byte of the profile stays
/// (<see cref="NetworkManagerKeyfile"/>). Where NetworkManager runs, it is told to re-read the file and to re-apply the
/// profile; where it does not, the file is edited and read at its next start. No profile is ever created: an
/// interface without one is refused, because a new profile would change how NetworkManager manages the device.
/// </summary>
internal sealed class NetworkManagerPersistence : IOffloadPersistence
{
    /// <summary>The value of <c>persist</c> that asks for NetworkManager profiles.</summary>
    public const string NetworkManager = "NetworkManager";

    private const string Stack = "NetworkManager profile";

    private readonly string _root;
    private readonly OtherNetworkStacks? _stacks;
    private readonly INetworkManagerControl _control;
    private readonly NetworkConfigFiles _files;
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <param name="root">The directory NetworkManager's keyfile directories are below (<c>/</c> on a live host).</param>
    /// <param name="stacks">The other network tools whose settings can win; null: not looked at.</param>
    /// <param name="control">The running NetworkManager, if any.</param>
    /// <param name="recording">The profiles a snapshot recorded, read instead of the file system; nothing is ever written then.</param>
    public NetworkManagerPersistence(string root, OtherNetworkStacks? stacks, INetworkManagerControl control, NetworkConfigFiles? recording = null)
    {
        _root = root;
        _stacks = stacks;
        _control = control;
        _files = recording ?? NetworkConfigFiles.Live;
    }

    /// <inheritdoc />
    public string Name => NetworkManager;

    /// <summary>True when a profile under the root is bound to <paramref name="device"/>.</summary>
    public bool HasProfileFor(LinkDeviceFacts device) => NetworkManagerProfiles.Bound(_root, device, _files).Count > 0;

    /// <summary>True when NetworkManager answers on the system D-Bus.</summary>
    public bool IsRunning() => _control.IsRunning();

    /// <inheritdoc />
    public IReadOnlyList<string> FilesFor(string interfaceName) =>
        _states.TryGetValue(interfaceName, out var state) ? [.. state.Edits.Select(e => e.Path)] : [];

    /// <inheritdoc />
    public AdapterSnapshot Relate(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired, LinkDeviceFacts device,
        OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(context);
        var name = adapter.Adapter.Name;
        var keys = NetworkManagerPlanner.Map(adapter, settings, desired);
        var features = DesiredFeatures.Of(settings);
        var profiles = NetworkManagerProfiles.Bound(_root, device, _files);
        var blockers = new List<LinkFileFinding>();
        var edits = new List<Edit>();
        if (profiles.Count == 0)
        {
            blockers.Add(new LinkFileFinding(Path.Combine(_root, NetworkManagerProfiles.Directories[0]), 0,
                $"no NetworkManager profile is bound to '{name}' (interface-name= or mac-address=); dscoffload does not create one: " +
                "add one with nmcli connection add, or use persist SystemdLink"));
        }

        var values = keys.ToDictionary(k => k.Key, k => k.Value ? "true" : "false", StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            if (IsGeneratedByNetplan(profile))
            {
                var renderer = NetplanFiles.RendererOf(_root, device);
                blockers.Add(new LinkFileFinding(profile.Path, 0,
                    $"netplan generates this profile{(renderer is null ? "" : $" ({renderer})")} and writes it again at every boot (netplan generate), " +
                    $"so keys written into it would be lost; use persist Netplan (or Auto), which netplan renders into the .link file udev applies to '{name}'"));
                continue;
            }

            if (!profile.IsInEtc)
            {
                blockers.Add(new LinkFileFinding(profile.Path, 0,
                    $"this profile is bound to '{name}' but is not in {NetworkManagerProfiles.Directories[0]}, where NetworkManager keeps edited profiles; " +
                    "copy it there (nmcli connection modify does) first"));
                continue;
            }

            blockers.AddRange(ContradictingShortNames(profile, keys, features, name));
            // A key that already says the same (feature-tso=off for false) is left as written.
            var needed = values.Where(v => Current(profile, v.Key) != keys[v.Key]).ToDictionary(StringComparer.Ordinal);
            if (needed.Count > 0)
            {
                var before = _files.ReadOrNull(profile.Path) ?? string.Empty;
                edits.Add(new Edit(profile.Path, NetworkManagerKeyfile.SetKeys(before, NetworkManagerFeatureKeys.Section, needed),
                    string.Join(", ", needed.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"))));
            }
        }

        blockers.AddRange(_stacks?.Contradicting(device, features).Where(f => !f.What.StartsWith(Stack, StringComparison.Ordinal)) ?? []);
        var state = new State(edits, blockers);
        _states[name] = state;
        foreach (var blocker in blockers)
        {
            context.Warn($"'{name}': {blocker}");
        }

        foreach (var edit in edits)
        {
            context.Info(context.WhatIf ? $"'{name}': would set {edit.What} in {edit.Path}" : $"'{name}': {edit.Path} is not up to date ({edit.What})");
        }

        var persisted = profiles.Count > 0 && edits.Count == 0 && blockers.Count == 0;
        var result = adapter.Ordered.Where(kv => kv.Key != SystemdLinkPersistence.Key)
            .Append(new(SystemdLinkPersistence.Key, new AdapterSetting(persisted ? NetworkManager : "None", SettingSupport.Changeable)))
            .ToList();
        return new AdapterSnapshot(adapter.Adapter, result, adapter.Extras);
    }

    /// <inheritdoc />
    public void EnsureWritableIfNeeded(AdapterComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (!comparison.Differences.Any(d => d.Desired.Key == SystemdLinkPersistence.Key))
        {
            return;
        }

        var name = comparison.Snapshot.Adapter.Name;
        if (!_states.TryGetValue(name, out var state))
        {
            return;
        }

        if (state.Blockers.Count > 0)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed,
                $"'{name}': NetworkManager would not persist the desired state: {string.Join("; ", state.Blockers)}");
        }

        // The profiles of a recorded host are a copy in the snapshot: their paths name files of another machine.
        if (_files.IsRecorded)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed,
                $"'{name}': the NetworkManager profiles belong to a recorded host, which is read-only; use --what-if to preview changes");
        }

        foreach (var edit in state.Edits)
        {
            try
            {
                var directory = Path.GetDirectoryName(edit.Path)!;
                using (new FileStream(Path.Combine(directory, $".{Path.GetFileName(edit.Path)}.{Guid.NewGuid():N}.tmp"),
                    FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw WriteFailure(edit.Path, e);
            }
        }
    }

    /// <inheritdoc />
    public void WriteIfVerified(AdapterComparison comparison, Func<AdapterSnapshot> running, IReadOnlyList<DesiredSetting> desired,
        AdapterApplyReport report, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        var name = comparison.Snapshot.Adapter.Name;
        if (!comparison.Differences.Any(d => d.Desired.Key == SystemdLinkPersistence.Key) || !_states.TryGetValue(name, out var state))
        {
            return;
        }

        if (state.Blockers.Count > 0 || _files.IsRecorded)
        {
            report.Problems.Add(_files.IsRecorded ? "NetworkManager profiles of a recorded host are never changed"
                : $"NetworkManager profiles were not changed: {string.Join("; ", state.Blockers)}");
            return;
        }

        if (!AdapterComparison.Compare(running(), [.. desired.Where(s => s.Key != SystemdLinkPersistence.Key)]).InDesiredState)
        {
            report.Problems.Add($"{string.Join(", ", state.Edits.Select(e => e.Path))} not changed because the running state does not match the desired state");
            return;
        }

        foreach (var edit in state.Edits)
        {
            Write(edit);
            context.Info($"'{name}': set {edit.What} in {edit.Path}");
        }

        Tell(name, state, report, context);
    }

    /// <summary>
    /// After a rollback put back the profiles <paramref name="restored"/>: where NetworkManager runs, makes it re-read
    /// each (<c>nmcli connection load</c>), as the set did after editing them, so its copy in memory, which it would
    /// write back at its next change of the profile, holds the restored keys. The kernel state is restored by the
    /// rollback itself, so the profile is not re-applied.
    /// </summary>
    /// <exception cref="DscOffloadException">NetworkManager did not re-read a profile (Unexpected).</exception>
    public static void ReloadAfterRestore(INetworkManagerControl control, IReadOnlyList<string> restored, Action<string> tell)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(restored);
        ArgumentNullException.ThrowIfNull(tell);
        if (!control.IsRunning())
        {
            tell($"NetworkManager is not running (or not reachable on the system D-Bus); it reads the restored {string.Join(", ", restored)} when it starts");
            return;
        }

        foreach (var path in restored)
        {
            if (control.Load(path) is { } failed)
            {
                throw new DscOffloadException(ErrorKind.Unexpected, $"{path} restored, but NetworkManager did not re-read it: {failed}");
            }

            tell($"NetworkManager re-read the restored {path}");
        }
    }

    // NetworkManager keeps its own copy of each profile: without a reload, its next write (nmcli connection modify, a
    // timestamp) would put the old keys back. The kernel already has the desired state (read back before the write),
    // so a refused reapply is reported, not forced by re-activating the profile, which would take the link down.
    private void Tell(string name, State state, AdapterApplyReport report, OperationContext context)
    {
        if (!_control.IsRunning())
        {
            context.Info($"'{name}': NetworkManager is not running (or not reachable on the system D-Bus); it reads the edited profile when it starts");
            return;
        }

        foreach (var edit in state.Edits)
        {
            if (_control.Load(edit.Path) is { } failed)
            {
                report.Problems.Add($"{edit.Path} was written, but NetworkManager did not re-read it: {failed}");
                return;
            }
        }

        context.Info(_control.Reapply(name) is { } refused
            ? $"'{name}': NetworkManager re-read the profile but did not re-apply it ({refused}); the kernel already has the desired state, and NetworkManager applies the profile at its next activation"
            : $"'{name}': NetworkManager re-read and re-applied the profile");
    }

    // The file keeps its mode and owner: NetworkManager ignores keyfiles that are not root's or readable by others.
    private static void Write(Edit edit)
    {
        try
        {
            var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(edit.Path);
            var owner = OperatingSystem.IsWindows() ? null : UnixFileCalls.OwnerOf(edit.Path);
            DurableFile.Write(edit.Path, new UTF8Encoding(false).GetBytes(edit.Text), mode, temporary =>
            {
                if (owner is { } o && UnixFileCalls.ChangeOwner(temporary, o.Owner, o.Group) is var errno and not 0)
                {
                    throw new UnauthorizedAccessException($"setting the owner of {edit.Path} failed (errno {errno})");
                }
            });
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw WriteFailure(edit.Path, e);
        }
    }

    private static DscOffloadException WriteFailure(string path, Exception e) => e is UnauthorizedAccessException && !Environment.IsPrivilegedProcess
        ? new DscOffloadException(ErrorKind.ElevationRequired, $"writing {path} needs root")
        : new DscOffloadException(ErrorKind.Unexpected, $"writing {path} failed: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}");

    // A short-name key (feature-tso, feature-tx) of the profile that sets a desired feature to the other value: which of
    // the two keys NetworkManager applies last is not documented, so the profile would not say one thing.
    private static IEnumerable<LinkFileFinding> ContradictingShortNames(NetworkManagerProfile profile, IReadOnlyDictionary<string, bool> keys,
        IReadOnlyDictionary<string, bool> features, string name)
    {
        foreach (var line in profile.Lines.Where(l => l.Section == NetworkManagerFeatureKeys.Section && !keys.ContainsKey(l.Key)))
        {
            if (StackFileText.Boolean(line.Value) is not { } on)
            {
                continue;
            }

            var against = NetworkManagerFeatureKeys.FeaturesOf(line.Key).Where(f => features.TryGetValue(f, out var want) && want != on).ToList();
            if (against.Count > 0)
            {
                yield return new LinkFileFinding(profile.Path, line.Line,
                    $"{line.Key}={line.Value} also sets {string.Join(", ", against)} for '{name}', against the desired state; change or remove that key first");
            }
        }
    }

    // netplan's NetworkManager renderer writes netplan-<id>.nmconnection into run/NetworkManager/system-connections.
    private bool IsGeneratedByNetplan(NetworkManagerProfile profile) =>
        Path.GetFileName(profile.Path).StartsWith("netplan-", StringComparison.Ordinal)
        && Path.GetDirectoryName(profile.Path) == Path.Combine(_root, NetworkManagerProfiles.Directories[1]);

    private static bool? Current(NetworkManagerProfile profile, string key) =>
        profile.Lines.LastOrDefault(l => l.Section == NetworkManagerFeatureKeys.Section && l.Key == key) is { } line ? StackFileText.Boolean(line.Value) : null;

    private sealed record Edit(string Path, string Text, string What);

    private sealed record State(IReadOnlyList<Edit> Edits, IReadOnlyList<LinkFileFinding> Blockers);
}
