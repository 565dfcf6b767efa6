using System.Text;
using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// The <c>persist: Netplan</c> side of the Linux resource: writes the desired offload keys into a netplan file of
/// dscoffload's, <c>etc/netplan/90-dscoffload-&lt;interface&gt;.yaml</c>, under the id of the netplan definition that
/// already configures the interface. netplan merges definitions of one id across files in file name order, later
/// files amending earlier ones, so the user's definition keeps everything it says (addresses, MTU, routes, its
/// <c>match</c>) and only the offload keys named in the desired state come from our file. Like
/// <see cref="SystemdLinkPersistence"/> it exposes the comparison as the setting <c>persist</c>, refuses before any
/// change when something would win over the file, and writes only after the kernel state is verified.
/// </summary>
/// <remarks>
/// After writing it runs <c>netplan generate</c> (<see cref="NetplanGenerator"/>) so the rendered networkd
/// <c>.link</c> file under <c>run/systemd/network</c> agrees with the YAML, and reports the keys found in it. It never
/// runs <c>netplan apply</c>.
/// </remarks>
internal sealed class NetplanPersistence : IOffloadPersistence
{
    /// <summary>The value of <c>persist</c> that asks for netplan keys.</summary>
    public const string Netplan = "Netplan";

    // netplan warns about configuration files others can read (they may hold secrets) and writes its own as 0600.
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string FilePrefix = "90-dscoffload-";

    private readonly string _root;
    private readonly OtherNetworkStacks? _stacks;
    private readonly NetplanGenerator? _generator;
    private readonly SystemdLinkSearchPath? _linkFiles;
    private readonly Dictionary<string, NetplanFileState> _states = new(StringComparer.Ordinal);

    /// <param name="root">The directory netplan's <c>etc/netplan</c>, <c>run/netplan</c> and <c>lib/netplan</c> are below (<c>/</c> on a live host).</param>
    /// <param name="stacks">The other network tools whose settings can win over netplan's; null: not looked at.</param>
    /// <param name="generator">Runs <c>netplan generate</c> after a write; null: the file is written and not rendered.</param>
    /// <param name="linkFiles">The directories of the <c>.link</c> files that compete with the one netplan renders; null: not looked at.</param>
    public NetplanPersistence(string root, OtherNetworkStacks? stacks, NetplanGenerator? generator, SystemdLinkSearchPath? linkFiles = null)
    {
        _root = root;
        _stacks = stacks;
        _generator = generator;
        _linkFiles = linkFiles;
    }

    /// <summary>systemd's <c>.link</c> directories below <paramref name="root"/> (the host's own when it is <c>/</c>).</summary>
    public static SystemdLinkSearchPath LinkSearchPathBelow(string root) =>
        new([.. SystemdLinkSearchPath.SystemDirectories.Select(d => Path.Combine(root, d.TrimStart('/')))]);

    /// <summary>The directory dscoffload's netplan files are written to.</summary>
    public string Directory => Path.Combine(_root, "etc", "netplan");

    /// <summary><c>90-dscoffload-&lt;interface&gt;.yaml</c>: after the usual <c>00-installer-config.yaml</c>, <c>50-cloud-init.yaml</c>, so our keys amend theirs.</summary>
    /// <exception cref="DscOffloadException">The name cannot be a Linux interface name (InvalidInput).</exception>
    public static string FileNameFor(string interfaceName)
    {
        _ = SystemdLinkFile.FileNameFor(interfaceName);
        return $"{FilePrefix}{interfaceName}.yaml";
    }

    /// <summary>The full path of <paramref name="interfaceName"/>'s file.</summary>
    public string PathFor(string interfaceName) => Path.Combine(Directory, FileNameFor(interfaceName));

    /// <inheritdoc />
    public string Name => Netplan;

    /// <summary>True when netplan is installed (<c>netplan generate</c> can render what is written), which <c>persist: Auto</c> requires.</summary>
    public bool IsInstalled => _generator is not null;

    /// <summary>True when a netplan definition below the root configures <paramref name="device"/>.</summary>
    public bool Configures(LinkDeviceFacts device) => NetplanFiles.Configures(_root, device);

    /// <summary>The <c>renderer:</c> key deciding the backend of the netplan definition that configures <paramref name="device"/>, if any.</summary>
    public NetplanRenderer? RendererOf(LinkDeviceFacts device) => NetplanFiles.RendererOf(_root, device);

    /// <inheritdoc />
    public IReadOnlyList<string> FilesFor(string interfaceName) => [PathFor(interfaceName)];

    /// <inheritdoc />
    public AdapterSnapshot Relate(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired, LinkDeviceFacts device,
        OperationContext context) =>
        Relate(adapter, NetplanPlanner.Map(adapter, settings, desired), DesiredFeatures.Of(settings), device, context);

    /// <summary>
    /// Reads the netplan configuration for the interface, remembers how our file compares with <paramref name="keys"/>
    /// for a later write, and returns <paramref name="adapter"/> with its <c>persist</c> setting (<c>Netplan</c> when
    /// the file already says it and nothing wins over it, <c>None</c> otherwise).
    /// </summary>
    public AdapterSnapshot Relate(AdapterSnapshot adapter, IReadOnlyList<KeyValuePair<string, bool>> keys, IReadOnlyDictionary<string, bool> desiredFeatures,
        LinkDeviceFacts device, OperationContext context)
    {
        var name = adapter.Adapter.Name;
        var path = PathFor(name);
        var own = FileNameFor(name);
        var files = NetplanFiles.EffectiveFiles(_root);
        var blockers = new List<LinkFileFinding>();
        if (files.FirstOrDefault(f => Path.GetFileName(f) == own) is { } hiding && hiding != path)
        {
            blockers.Add(new LinkFileFinding(hiding, 0, $"has the same name as {path} and hides it from netplan"));
        }

        var definitions = files.Where(f => Path.GetFileName(f) != own).SelectMany(NetplanFiles.Definitions).ToList();
        var id = DefinitionOf(name, device, definitions, blockers);
        if (id is not null)
        {
            blockers.AddRange(LaterContradictions(id, own, keys, definitions));
            blockers.AddRange(RenderedLinkBlockers(name, id, device));
        }

        // netplan keys of earlier files are what our file overrides; they were judged above, by file order.
        blockers.AddRange(_stacks?.Contradicting(device, desiredFeatures).Where(f => !IsNetplanFile(f.Path)) ?? []);

        var text = id is null ? null : Render(id, name, keys);
        var differences = Differences(path, text);
        var state = new NetplanFileState(path, id, keys, text, differences, blockers);
        _states[name] = state;
        foreach (var blocker in blockers)
        {
            context.Warn($"'{name}': {blocker}");
        }

        if (differences.Count > 0)
        {
            var why = string.Join("; ", differences);
            context.Info(context.WhatIf ? $"'{name}': would write {path} ({why})" : $"'{name}': {path} is not up to date ({why})");
        }

        var settings = adapter.Ordered.Where(kv => kv.Key != SystemdLinkPersistence.Key)
            .Append(new(SystemdLinkPersistence.Key, new AdapterSetting(state.IsPersisted ? Netplan : "None", SettingSupport.Changeable)))
            .ToList();
        return new AdapterSnapshot(adapter.Adapter, settings, adapter.Extras);
    }

    /// <summary>Before <paramref name="comparison"/>'s interface is changed: when its file is to be written, checks that it can be.</summary>
    /// <exception cref="DscOffloadException">Something would win over the file (NotAllowed), or it cannot be written.</exception>
    public void EnsureWritableIfNeeded(AdapterComparison comparison)
    {
        if (!comparison.Differences.Any(d => d.Desired.Key == SystemdLinkPersistence.Key))
        {
            return;
        }

        var name = comparison.Snapshot.Adapter.Name;
        if (_states.TryGetValue(name, out var state) && state.Blockers.Count > 0)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed,
                $"'{name}': {state.Path} would not persist the desired state: {string.Join("; ", state.Blockers)}; nothing was changed");
        }

        var path = PathFor(name);
        if (System.IO.Directory.Exists(path))
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"{path} is a directory, not a file");
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var probe = Path.Combine(Directory, $".{FileNameFor(name)}.{Guid.NewGuid():N}{DurableFile.TemporarySuffix}");
            using (new FileStream(probe, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw WriteFailure(path, e);
        }
    }

    /// <summary>
    /// Writes the file of <paramref name="comparison"/>'s interface when it differs, but only if <paramref name="running"/>
    /// (read after the kernel changes) matches the desired state; then runs <c>netplan generate</c> and reports what it
    /// rendered, or, as a problem, what it did not.
    /// </summary>
    public void WriteIfVerified(AdapterComparison comparison, Func<AdapterSnapshot> running, IReadOnlyList<DesiredSetting> desired,
        AdapterApplyReport report, OperationContext context)
    {
        var name = comparison.Snapshot.Adapter.Name;
        if (!comparison.Differences.Any(d => d.Desired.Key == SystemdLinkPersistence.Key) || !_states.TryGetValue(name, out var state))
        {
            return;
        }

        if (state.Blockers.Count > 0 || state.Text is null || state.Id is null)
        {
            report.Problems.Add($"{state.Path} was not written: {string.Join("; ", state.Blockers)}");
            return;
        }

        if (!AdapterComparison.Compare(running(), [.. desired.Where(s => s.Key != SystemdLinkPersistence.Key)]).InDesiredState)
        {
            report.Problems.Add($"{state.Path} was not written because the running state does not match the desired state");
            return;
        }

        try
        {
            DurableFile.Write(state.Path, Encoding.UTF8.GetBytes(state.Text), FileMode, prepare: null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw WriteFailure(state.Path, e);
        }

        context.Info($"'{name}': wrote {state.Path}");
        ReportRendered(name, state, report, context);
    }

    /// <summary>
    /// After a rollback put back (or deleted) our netplan files <paramref name="restored"/> below <paramref name="root"/>:
    /// runs <c>netplan generate</c> as the set did, so the rendered <c>.link</c> files under <c>run/systemd/network</c>
    /// match the files again instead of keeping what the set rendered until the next boot.
    /// </summary>
    /// <exception cref="DscOffloadException"><c>netplan generate</c> failed (Unexpected).</exception>
    public static void RenderAfterRestore(string root, NetplanGenerator? generator, IReadOnlyList<string> restored, Action<string> tell)
    {
        ArgumentNullException.ThrowIfNull(restored);
        ArgumentNullException.ThrowIfNull(tell);
        var files = string.Join(", ", restored);
        if (generator is null)
        {
            tell($"netplan generate was not run after restoring {files} (netplan is not installed); netplan renders them at the next boot");
            return;
        }

        if (generator.Generate(root) is { } failure)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"{files} restored, but {failure}; what netplan rendered from them before the rollback stays until it succeeds");
        }

        tell($"netplan generate rendered {Path.Combine(root, "run")} again from the restored {files}");
    }

    /// <summary>The netplan file text: the offload keys under the definition's id, nothing else.</summary>
    public static string Render(string id, string interfaceName, IReadOnlyList<KeyValuePair<string, bool>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var text = new StringBuilder();
        text.Append("# Managed by dscoffload (DscOffload.Linux/NetAdapterOffload); changes are overwritten.\n");
        text.Append("# Offload keys of interface '").Append(interfaceName).Append("'; netplan merges them into the definition of the same id in the other files.\n");
        text.Append("network:\n  version: 2\n  ethernets:\n    ").Append(YamlKey(id)).Append(":\n");
        foreach (var (key, on) in keys)
        {
            text.Append("      ").Append(key).Append(": ").Append(on ? "true" : "false").Append('\n');
        }

        return text.ToString();
    }

    // The one definition id whose match (merged over all files) is about the device; otherwise a blocker saying why not.
    private string? DefinitionOf(string name, LinkDeviceFacts device, List<NetplanDefinition> definitions, List<LinkFileFinding> blockers)
    {
        var applying = definitions.GroupBy(d => d.Id, StringComparer.Ordinal)
            .Where(g => NetplanFiles.Applies(g.Key, Merged(g), device, g.LastOrDefault(d => d.SetName is not null)?.SetName))
            .ToList();
        if (applying.Count == 1)
        {
            return applying[0].Key;
        }

        if (applying.Count == 0)
        {
            blockers.Add(new LinkFileFinding(Directory, 0,
                $"no netplan definition under network.ethernets configures '{name}'; persist Netplan adds offload keys to the definition netplan already has " +
                "(a new one would make netplan manage the interface); use SystemdLink for interfaces netplan does not configure"));
        }
        else
        {
            var first = applying[0].First();
            blockers.Add(new LinkFileFinding(first.Path, first.Line,
                $"several netplan definitions configure '{name}' ({string.Join(", ", applying.Select(g => g.Key))}); netplan renders a .link file for each " +
                "and only the first applies, so which offload keys win is not clear"));
        }

        return null;
    }

    private static Dictionary<string, string> Merged(IEnumerable<NetplanDefinition> blocks)
    {
        var match = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in blocks.SelectMany(b => b.Match))
        {
            match[key] = value;
        }

        return match;
    }

    // Files after ours amend the definition after us: an offload key of theirs with another value wins.
    private static IEnumerable<LinkFileFinding> LaterContradictions(string id, string own, IReadOnlyList<KeyValuePair<string, bool>> keys,
        List<NetplanDefinition> definitions)
    {
        foreach (var block in definitions.Where(d => d.Id == id && string.CompareOrdinal(Path.GetFileName(d.Path), own) > 0))
        {
            foreach (var (key, value, line) in block.Offloads)
            {
                var wanted = keys.FirstOrDefault(k => k.Key == key);
                if (wanted.Key is not null && StackFileText.Boolean(value) is { } on && on != wanted.Value)
                {
                    yield return new LinkFileFinding(block.Path, line,
                        $"netplan sets {key}: {value} for '{id}' and this file sorts after {own}, so netplan uses it instead of ours (desired {(wanted.Value ? "true" : "false")})");
                }
            }
        }
    }

    // netplan renders the keys into 10-netplan-<id>.link; udevd applies only the first matching .link file, so an earlier
    // one wins over it, and when netplan did not render a file for the definition before, the file that applied until
    // now stops applying and netplan cannot carry its settings over.
    private IEnumerable<LinkFileFinding> RenderedLinkBlockers(string name, string id, LinkDeviceFacts device)
    {
        if (_linkFiles is null)
        {
            yield break;
        }

        var rendered = $"10-netplan-{id}.link";
        var effective = _linkFiles.EffectiveFiles();
        var ownLink = SystemdLinkFile.FileNameFor(name);
        if (effective.FirstOrDefault(f => Path.GetFileName(f) == ownLink) is { } leftover && string.CompareOrdinal(ownLink, rendered) < 0)
        {
            yield return new LinkFileFinding(leftover, 0,
                $"dscoffload's own .link file for '{name}' (persist SystemdLink) sorts before {rendered}, so udevd applies it instead of what netplan renders");
        }

        var others = OtherLinkFiles.Find(_linkFiles, rendered, device);
        foreach (var shadow in others.Shadows)
        {
            yield return shadow;
        }

        if (effective.Any(f => Path.GetFileName(f) == rendered))
        {
            yield break;
        }

        if (others.Predecessor is { } predecessor)
        {
            var settings = predecessor.Lines.Where(l => l.Section != "Match").Select(l => $"{l.Key}={l.Value}").ToList();
            if (settings.Count > 0)
            {
                yield return new LinkFileFinding(predecessor.Path, predecessor.Lines.First(l => l.Section != "Match").Line,
                    $"applies to '{name}' today; with offload keys netplan renders {rendered}, which sorts before it and replaces it, so " +
                    $"{string.Join(", ", settings)} would stop applying (netplan cannot carry them over; give the definition the settings, or use SystemdLink)");
            }
        }
        else if (others.Undecided is { } undecided)
        {
            yield return undecided;
        }
    }

    private bool IsNetplanFile(string path) =>
        NetplanFiles.Directories.Any(d => path.StartsWith(Path.Combine(_stacks?.Root ?? _root, d) + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private static List<string> Differences(string path, string? text)
    {
        var onDisk = HostTextFile.ReadOrNull(path);
        if (onDisk is null)
        {
            return ["the file does not exist"];
        }

        var differences = new List<string>();
        if (text is not null && onDisk != text)
        {
            differences.Add("its offload keys or definition id differ from the desired ones");
        }

        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) is var mode && mode != FileMode)
        {
            differences.Add($"its mode is {Convert.ToString((int)mode, 8).PadLeft(4, '0')}, netplan wants 0600");
        }

        return differences;
    }

    private void ReportRendered(string name, NetplanFileState state, AdapterApplyReport report, OperationContext context)
    {
        if (_generator is null)
        {
            context.Info($"'{name}': netplan generate was not run (netplan is not installed, or this is not the live host); netplan renders {state.Path} at the next boot");
            return;
        }

        if (_generator.Generate(_root) is { } failure)
        {
            report.Problems.Add($"{state.Path} was written, but {failure}");
            return;
        }

        var rendered = Path.Combine(_root, "run", "systemd", "network", $"10-netplan-{state.Id}.link");
        var lines = LinkFileLines.Read(HostTextFile.ReadOrNull(rendered) ?? string.Empty);
        var expected = state.Keys.Select(k => (Key: NetplanOffloadKeys.All.First(a => a.Netplan == k.Key).Link, Value: k.Value ? "true" : "false")).ToList();
        var missing = expected.Where(e => !lines.Any(l => l.Section == "Link" && l.Key == e.Key && l.Value == e.Value)).ToList();
        if (missing.Count > 0)
        {
            report.Problems.Add($"netplan generate did not render {string.Join(", ", missing.Select(m => $"{m.Key}={m.Value}"))} into {rendered}, " +
                $"so netplan does not apply the keys of {state.Path} to '{name}'");
            return;
        }

        context.Info($"'{name}': netplan generate rendered {rendered} with {string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}"))}");
    }

    private static string YamlKey(string id) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !char.IsAsciiDigit(id[0]) ? id : JsonConvert.ToString(id);

    private static DscOffloadException WriteFailure(string path, Exception e) => e is UnauthorizedAccessException && !Environment.IsPrivilegedProcess
        ? new DscOffloadException(ErrorKind.ElevationRequired, $"writing {path} needs root")
        : new DscOffloadException(ErrorKind.Unexpected, $"writing {path} failed: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}");
}
