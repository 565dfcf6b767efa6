using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// The <c>persist: SystemdLink</c> side of the Linux resource: compares each interface's <c>.link</c> file with
/// what is desired, exposes the result as the setting <c>persist</c> (<c>SystemdLink</c> when the file already
/// says it, <c>None</c> otherwise) so the shared adapter logic compares, predicts and reports it like any other
/// setting, and writes the file once the running state is verified.
/// </summary>
internal sealed class SystemdLinkPersistence : IOffloadPersistence
{
    /// <summary>The value of <c>persist</c> that asks for a <c>.link</c> file.</summary>
    public const string SystemdLink = "SystemdLink";

    private readonly SystemdLinkFile _files;
    private readonly OtherNetworkStacks? _stacks;
    private readonly Dictionary<string, SystemdLinkFileState> _states = new(StringComparer.Ordinal);

    /// <param name="files">dscoffload's <c>.link</c> files and the directories of the others.</param>
    /// <param name="stacks">The other network tools whose settings can win over the file; null: not looked at.</param>
    public SystemdLinkPersistence(SystemdLinkFile files, OtherNetworkStacks? stacks)
    {
        _files = files;
        _stacks = stacks;
    }

    /// <summary>The full path of <paramref name="interfaceName"/>'s file.</summary>
    public string PathFor(string interfaceName) => _files.PathFor(interfaceName);

    /// <summary>The setting that carries persistence.</summary>
    public static SettingKey Key { get; } = new("persist");

    /// <inheritdoc />
    public string Name => SystemdLink;

    /// <inheritdoc />
    public IReadOnlyList<string> FilesFor(string interfaceName) => [PathFor(interfaceName)];

    /// <inheritdoc />
    public AdapterSnapshot Relate(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired, LinkDeviceFacts device,
        OperationContext context) =>
        Relate(adapter, SystemdLinkPlanner.Map(adapter, settings, desired), DesiredFeatures.Of(settings), device, context);

    /// <summary>
    /// Reads the interface's file, remembers how it compares with <paramref name="wanted"/> for a later write, and
    /// returns <paramref name="adapter"/> with its <c>persist</c> setting. Entries of the file that dscoffload does
    /// not manage are kept, so they never count as a difference and survive a rewrite.
    /// </summary>
    public AdapterSnapshot Relate(AdapterSnapshot adapter, SystemdLinkSettings wanted, IReadOnlyDictionary<string, bool> desiredFeatures,
        LinkDeviceFacts device, OperationContext context)
    {
        var name = adapter.Adapter.Name;
        var onDisk = _files.TryRead(name);
        var others = OtherLinkFiles.Find(_files.SearchPath, SystemdLinkFile.FileNameFor(name), device);
        var merge = LinkSettingsCarryOver.Merge(wanted, onDisk?.OtherEntries ?? [],
            others.Predecessor?.Path, others.Predecessor?.Lines ?? []);
        var target = merge.Settings;
        var path = _files.PathFor(name);
        IReadOnlyList<string> differences = onDisk is null ? ["the file does not exist"] : onDisk.DifferencesFrom(target);
        List<LinkFileFinding> blockers = [.. others.Shadows, .. merge.Refusals, .. _stacks?.Contradicting(device, desiredFeatures) ?? []];
        if (others.Undecided is { } undecided)
        {
            blockers.Add(undecided);
        }

        // A device renamed by a .link file keeps its kernel name for udevd's OriginalName=, so ours would never match it.
        if (target.MatchOriginalName is not null && others.Predecessor is { } renaming && SystemdLinkMatcher.RenamesTo(renaming.Lines, device))
        {
            blockers.Add(new LinkFileFinding(renaming.Path, renaming.Lines.Last(l => l.Section == "Link" && l.Key == "Name").Line,
                $"gives '{name}' its name (its OriginalName= matched the kernel's name before the rename); '{name}' has no permanent address, " +
                $"so {SystemdLinkFile.FileNameFor(name)} could match only OriginalName={name}, which udevd compares with the kernel's name and which never fits; " +
                "persist the offloads where the rename is configured (persist Netplan for netplan's set-name)"));
        }

        var state = new SystemdLinkFileState(path, target, differences, blockers);
        _states[name] = state;
        foreach (var blocker in blockers)
        {
            context.Warn($"'{name}': {blocker}");
        }

        if (others.Predecessor is { } predecessor && merge.Carried.Count > 0 && differences.Count > 0)
        {
            context.Info($"'{name}': {path} carries over {string.Join(", ", merge.Carried)} from {predecessor.Path}, which applies to the device today");
        }

        if (differences.Count > 0)
        {
            var why = string.Join("; ", differences);
            context.Info(context.WhatIf ? $"'{name}': would write {path} ({why})" : $"'{name}': {path} is not up to date ({why})");
        }

        var settings = adapter.Ordered.Where(kv => kv.Key != Key)
            .Append(new(Key, new AdapterSetting(state.IsPersisted ? SystemdLink : "None", SettingSupport.Changeable)))
            .ToList();
        return new AdapterSnapshot(adapter.Adapter, settings, adapter.Extras);
    }

    /// <summary>Before <paramref name="comparison"/>'s interface is changed: when its file is to be written, checks that it can be.</summary>
    public void EnsureWritableIfNeeded(AdapterComparison comparison)
    {
        if (comparison.Differences.Any(d => d.Desired.Key == Key))
        {
            var name = comparison.Snapshot.Adapter.Name;
            if (_states.TryGetValue(name, out var state) && state.Blockers.Count > 0)
            {
                // Writing a file that another one overrides, or that drops someone else's settings, would report
                // persistence that the next boot does not deliver; refuse before the kernel is changed.
                throw new DscOffloadException(ErrorKind.NotAllowed,
                    $"'{name}': {state.Path} would not persist the desired state: {string.Join("; ", state.Blockers)}; nothing was changed");
            }

            _files.EnsureWritable(name);
        }
    }

    /// <summary>
    /// Writes the file of <paramref name="comparison"/>'s interface when its persistence differs, but only if
    /// <paramref name="running"/> (read after the kernel changes) matches the desired state: a file describing a
    /// state the device refused would hide the failure until the next boot.
    /// </summary>
    public void WriteIfVerified(AdapterComparison comparison, Func<AdapterSnapshot> running, IReadOnlyList<DesiredSetting> desired,
        AdapterApplyReport report, OperationContext context)
    {
        var name = comparison.Snapshot.Adapter.Name;
        if (!comparison.Differences.Any(d => d.Desired.Key == Key) || !_states.TryGetValue(name, out var state))
        {
            return;
        }

        if (state.Blockers.Count > 0)
        {
            report.Problems.Add($"{state.Path} was not written: {string.Join("; ", state.Blockers)}");
            return;
        }

        if (!AdapterComparison.Compare(running(), [.. desired.Where(s => s.Key != Key)]).InDesiredState)
        {
            report.Problems.Add($"{state.Path} was not written because the running state does not match the desired state");
            return;
        }

        _files.Write(name, state.Wanted);
        context.Info($"'{name}': wrote {state.Path}");
    }
}
