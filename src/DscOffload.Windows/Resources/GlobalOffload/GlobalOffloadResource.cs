using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources.GlobalOffload;

/// <summary>
/// <c>DscOffload.Windows/GlobalOffload</c>: one instance per host. CIM settings missing on this
/// Windows version satisfy "Disabled" (with an info message) and fail anything else; Tcpip registry
/// values that do not exist read as null, and a desired null means "value absent" (set deletes it, so
/// exported state with nulls reproduces the Windows defaults); an omitted member is left alone. Task
/// offload and registry changes report a required restart. A write that fails after part of the change
/// was made is reported as partially applied, naming exactly what the platform wrote. A setting without effect on the
/// host's Windows build (<see cref="GlobalOffloadSettings"/>: NetDMA, the Scalable Networking Pack values, TCP Chimney)
/// is never written: off (or null) is satisfied with the reason, on is refused as not supported before any change.
/// </summary>
internal sealed class GlobalOffloadResource : ISettableResource, IExportableResource
{
    private static readonly string[] CimSettingNames = [.. GlobalOffloadSettings.CimSettings.Select(s => s.Name)];
    private static readonly string[] TcpipParameterNames = [.. GlobalOffloadSettings.TcpipParameters.Select(p => p.Name)];

    private readonly IWindowsOffloadPlatform _platform;
    private readonly bool _live;

    // The host's Windows build, read once: it decides which settings still have an effect (GlobalOffloadSettings).
    private readonly Lazy<int?> _osBuild;
    private bool _saidBuildUnknown;

    /// <summary>Binds the resource to a platform (live, recorded or fake).</summary>
    public GlobalOffloadResource(IWindowsOffloadPlatform platform, bool live)
    {
        _platform = platform;
        _live = live;
        _osBuild = new Lazy<int?>(platform.ReadOsBuild);
    }

    /// <inheritdoc />
    public ResourceDescriptor Descriptor => GlobalOffloadDescriptor.Descriptor;

    /// <inheritdoc />
    public GetOutcome Get(JObject input, OperationContext context) => new(ToJson(_platform.ReadGlobal(), null));

    /// <inheritdoc />
    public TestOutcome Test(JObject desired, OperationContext context)
    {
        var actual = _platform.ReadGlobal();
        var differing = Compare(desired, actual, context, out _);
        SayBuildUnknown(desired, context);
        var state = ToJson(actual, desired);
        state["_inDesiredState"] = differing.Count == 0;
        return new TestOutcome(Desired(desired), state, differing.Count == 0, differing);
    }

    /// <inheritdoc />
    public SetOutcome Set(JObject desired, OperationContext context)
    {
        var before = _platform.ReadGlobal();
        var differing = Compare(desired, before, context, out var changes);
        SayBuildUnknown(desired, context);
        var beforeState = ToJson(before, desired);
        if (differing.Count == 0)
        {
            context.Info("GlobalOffload: already in desired state; nothing changed");
            return new SetOutcome(beforeState, (JObject)beforeState.DeepClone(), [], []);
        }

        RefuseWithoutEffect(changes, desired);
        var unsupported = changes.Settings.Keys.Where(k => !before.Settings.ContainsKey(k)).ToList();
        if (unsupported.Count > 0)
        {
            throw new DscOffloadException(ErrorKind.NotSupported,
                $"this Windows version has no {string.Join(", ", unsupported)} global setting; nothing was changed",
                desired[unsupported[0]].Location());
        }

        var restart = RestartNeeded(changes) ? new List<RestartRequirement> { RestartRequirement.System(_platform.HostName) } : [];
        if (context.WhatIf)
        {
            var predicted = Apply(before, changes);
            var after = ToJson(predicted, desired);
            after["_metadata"] = new JObject { ["whatIf"] = new JArray(differing.Select(d => $"{d} would change")) };
            AddRestart(after, restart);
            return new SetOutcome(beforeState, after, differing, restart);
        }

        if (context.ReadOnlyTarget)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed, "recorded state is read-only; use --what-if to preview a set");
        }

        if (_live && !Environment.IsPrivilegedProcess)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired,
                "changing global offload settings needs an elevated (administrator) process; nothing was changed");
        }

        try
        {
            _platform.WriteGlobal(changes);
        }
        catch (PartialGlobalWriteException e)
        {
            throw PartiallyWritten(e, desired, before, beforeState);
        }
        catch (DscOffloadException e)
        {
            // No partial write was reported; re-read before claiming that nothing changed.
            throw ChangedDespiteFailure(e, desired, before, beforeState) ?? e;
        }

        GlobalOffloadState reread;
        try
        {
            reread = _platform.ReadGlobal();
        }
        catch (DscOffloadException e)
        {
            // Written but not read back: report what was written rather than nothing.
            throw PartiallyWritten(new PartialGlobalWriteException(e, changes), desired, before, beforeState);
        }

        var afterState = ToJson(reread, desired);
        AddRestart(afterState, restart);
        var still = Compare(desired, reread, null, out _);
        if (still.Count > 0)
        {
            var changed = ChangedBetween(before, reread);
            var message = $"GlobalOffload: {string.Join(", ", still)} did not take effect";
            if (changed.Count > 0)
            {
                throw new PartialApplyException($"{message}; already changed: {string.Join(", ", changed)}; 'dscoffload rollback' restores the state saved before this set",
                    new SetOutcome(beforeState, afterState, changed, restart));
            }

            throw new DscOffloadException(ErrorKind.NotSupported, message + "; nothing was changed");
        }

        context.Info($"GlobalOffload: changed {string.Join(", ", differing)}");
        if (restart.Count > 0)
        {
            context.Warn($"GlobalOffload: a restart of '{_platform.HostName}' is required before the change takes effect");
        }

        return new SetOutcome(beforeState, afterState, differing, restart);
    }

    /// <inheritdoc />
    public IEnumerable<JObject> Export(JObject filter, OperationContext context)
    {
        var state = ToJson(_platform.ReadGlobal(), null);

        // A setting without effect on this build is not state to carry to another host: applied back here, an "on" value
        // would be refused.
        var build = _osBuild.Value;
        foreach (var setting in GlobalOffloadSettings.CimSettings.Where(s => !s.Windows.HasEffectOn(build)))
        {
            state.Remove(setting.Name);
        }

        foreach (var parameter in GlobalOffloadSettings.TcpipParameters.Where(p => !p.Windows.HasEffectOn(build)))
        {
            (state["tcpipParameters"] as JObject)?.Remove(parameter.Name);
        }

        state["_name"] = "GlobalOffload";
        yield return state;
    }

    private List<string> Compare(JObject desired, GlobalOffloadState actual, OperationContext? context, out GlobalOffloadState changes)
    {
        changes = new GlobalOffloadState();
        var differing = new List<string>();
        var build = _osBuild.Value;
        foreach (var setting in GlobalOffloadSettings.CimSettings)
        {
            var name = setting.Name;
            if (desired[name] is not { Type: JTokenType.String } want)
            {
                continue;
            }

            var wanted = want.Value<string>()!;
            if (!setting.Windows.HasEffectOn(build))
            {
                // No effect on this build: off is satisfied whatever Windows reports, anything else is refused by set.
                if (wanted == "Disabled")
                {
                    context?.Info($"GlobalOffload {name}: {setting.Windows.NoEffectBecause}; nothing to turn off, desired Disabled is satisfied");
                    continue;
                }

                context?.Warn($"GlobalOffload {name}: {setting.Windows.NoEffectBecause}; it cannot be {wanted}");
            }
            else if (!actual.Settings.TryGetValue(name, out var have))
            {
                if (wanted == "Disabled")
                {
                    context?.Info($"this Windows version has no global {name} setting; desired Disabled is satisfied");
                    continue;
                }

                context?.Warn($"this Windows version has no global {name} setting; it cannot be {wanted}");
            }
            else if (have == wanted)
            {
                continue;
            }

            changes.Settings[name] = wanted;
            differing.Add(name);
        }

        if (desired["tcpipParameters"] is JObject tcpip)
        {
            var any = false;
            foreach (var parameter in GlobalOffloadSettings.TcpipParameters)
            {
                var name = parameter.Name;

                // Omitted: leave alone. null: the value must not exist (Windows default). A bool: the DWORD 1 or 0.
                if (tcpip[name] is { Type: JTokenType.Boolean or JTokenType.Null } want)
                {
                    bool? wanted = want.Type == JTokenType.Boolean ? want.Value<bool>() : null;
                    if (!parameter.Windows.HasEffectOn(build))
                    {
                        // No effect on this build: false and null (value absent) are satisfied without touching the
                        // registry; true is refused by set. Only these three members are restricted, and true turns each on.
                        if (wanted != true)
                        {
                            context?.Info($"GlobalOffload tcpipParameters.{name}: {parameter.Windows.NoEffectBecause}; nothing to turn off, desired {(wanted is null ? "null" : "false")} is satisfied");
                            continue;
                        }

                        context?.Warn($"GlobalOffload tcpipParameters.{name}: {parameter.Windows.NoEffectBecause}; it cannot be true");
                        changes.TcpipParameters[name] = wanted;
                        any = true;
                        continue;
                    }

                    actual.TcpipParameters.TryGetValue(name, out var have);
                    if (have != wanted)
                    {
                        changes.TcpipParameters[name] = wanted;
                        any = true;
                    }
                }
            }

            if (any)
            {
                differing.Add("tcpipParameters");
            }
        }

        return differing;
    }

    /// <summary>
    /// Refuses, before any change (what-if included), a change to a setting that has no effect on this Windows build:
    /// such a write would be reported as success and change nothing.
    /// </summary>
    private void RefuseWithoutEffect(GlobalOffloadState changes, JObject desired)
    {
        var build = _osBuild.Value;
        foreach (var setting in GlobalOffloadSettings.CimSettings)
        {
            if (changes.Settings.TryGetValue(setting.Name, out var value) && !setting.Windows.HasEffectOn(build))
            {
                throw new DscOffloadException(ErrorKind.NotSupported,
                    $"GlobalOffload {setting.Name} cannot be {value} on '{_platform.HostName}' (build {build}): {setting.Windows.NoEffectBecause}; nothing was changed",
                    desired[setting.Name].Location());
            }
        }

        foreach (var parameter in GlobalOffloadSettings.TcpipParameters)
        {
            if (changes.TcpipParameters.ContainsKey(parameter.Name) && !parameter.Windows.HasEffectOn(build))
            {
                throw new DscOffloadException(ErrorKind.NotSupported,
                    $"GlobalOffload tcpipParameters.{parameter.Name} cannot be true on '{_platform.HostName}' (build {build}): {parameter.Windows.NoEffectBecause}; nothing was changed",
                    desired["tcpipParameters"]?[parameter.Name].Location());
            }
        }
    }

    /// <summary>
    /// Says once, when the host's build is unknown (a recording without <c>osVersion</c>), that the settings the document
    /// names which stop having an effect at some build are compared as read, as before builds were known.
    /// </summary>
    private void SayBuildUnknown(JObject desired, OperationContext context)
    {
        // Not built at all when nobody reads information messages (a fleet without -l info).
        if (_saidBuildUnknown || _osBuild.Value is not null || !context.Wants(MessageLevel.Information))
        {
            return;
        }

        // Loops, not LINQ: a fleet of recordings without osVersion comes here for every host.
        var tcpip = desired["tcpipParameters"] as JObject;
        var restricted = new List<(string Name, WindowsEffect Windows)>();
        foreach (var s in GlobalOffloadSettings.CimSettings)
        {
            if (s.Windows.RemovedInBuild is not null && desired[s.Name] is not null)
            {
                restricted.Add((s.Name, s.Windows));
            }
        }

        foreach (var p in GlobalOffloadSettings.TcpipParameters)
        {
            if (p.Windows.RemovedInBuild is not null && tcpip?[p.Name] is not null)
            {
                restricted.Add(($"tcpipParameters.{p.Name}", p.Windows));
            }
        }

        if (restricted.Count > 0)
        {
            _saidBuildUnknown = true;
            context.Info($"the Windows build of '{_platform.HostName}' is unknown (a recording without metadata.DscOffload.osVersion, or a host whose Win32_OperatingSystem gave none), so " +
                $"{string.Join(", ", restricted.Select(r => r.Item1))} {(restricted.Count == 1 ? "is" : "are")} compared as read; " +
                string.Join("; ", restricted.Select(r => r.Item2.NoEffectBecause).Distinct()));
        }
    }

    /// <summary>
    /// The report of a write that stopped part-way: the platform says exactly what it wrote, the host is
    /// re-read for the after state (or, if that fails too, the written values are laid over the state before).
    /// </summary>
    /// <summary>A partial-apply error when the host differs from <paramref name="before"/> after a failed write, else null.</summary>
    private PartialApplyException? ChangedDespiteFailure(DscOffloadException failure, JObject desired, GlobalOffloadState before, JObject beforeState)
    {
        GlobalOffloadState now;
        try
        {
            now = _platform.ReadGlobal();
        }
        catch (DscOffloadException)
        {
            return null;
        }

        var written = new GlobalOffloadState();
        foreach (var (name, value) in now.Settings)
        {
            if (!before.Settings.TryGetValue(name, out var was) || was != value)
            {
                written.Settings[name] = value;
            }
        }

        foreach (var (name, value) in now.TcpipParameters)
        {
            if (before.TcpipParameters.GetValueOrDefault(name) != value)
            {
                written.TcpipParameters[name] = value;
            }
        }

        return written.Settings.Count + written.TcpipParameters.Count == 0
            ? null
            : PartiallyWritten(new PartialGlobalWriteException(failure, written), desired, before, beforeState);
    }

    private PartialApplyException PartiallyWritten(PartialGlobalWriteException e, JObject desired, GlobalOffloadState before, JObject beforeState)
    {
        var applied = e.Applied;
        GlobalOffloadState after;
        try
        {
            after = _platform.ReadGlobal();
        }
        catch (DscOffloadException)
        {
            after = Apply(before, applied);
        }

        var restart = RestartNeeded(applied) ? new List<RestartRequirement> { RestartRequirement.System(_platform.HostName) } : [];
        var afterState = ToJson(after, desired);
        AddRestart(afterState, restart);
        var written = CimSettingNames.Where(applied.Settings.ContainsKey)
            .Concat(TcpipParameterNames.Where(applied.TcpipParameters.ContainsKey).Select(n => $"tcpipParameters.{n}"))
            .ToList();
        var changed = ChangedBetween(before, Apply(before, applied));
        var pending = restart.Count > 0 ? $"; a restart of '{_platform.HostName}' is required before they take effect" : "";
        return new PartialApplyException(
            $"GlobalOffload: {e.Message}; already changed: {string.Join(", ", written)}{pending}; the rest was not touched; " +
            "'dscoffload rollback' restores the state saved before this set",
            new SetOutcome(beforeState, afterState, changed, restart), e);
    }

    private static GlobalOffloadState Apply(GlobalOffloadState before, GlobalOffloadState changes)
    {
        var after = new GlobalOffloadState();
        foreach (var (k, v) in before.Settings)
        {
            after.Settings[k] = v;
        }

        foreach (var (k, v) in before.TcpipParameters)
        {
            after.TcpipParameters[k] = v;
        }

        foreach (var (k, v) in changes.Settings)
        {
            after.Settings[k] = v;
        }

        foreach (var (k, v) in changes.TcpipParameters)
        {
            after.TcpipParameters[k] = v;
        }

        return after;
    }

    private static List<string> ChangedBetween(GlobalOffloadState a, GlobalOffloadState b)
    {
        var changed = new List<string>();
        foreach (var name in CimSettingNames)
        {
            a.Settings.TryGetValue(name, out var x);
            b.Settings.TryGetValue(name, out var y);
            if (x != y)
            {
                changed.Add(name);
            }
        }

        foreach (var name in TcpipParameterNames)
        {
            a.TcpipParameters.TryGetValue(name, out var x);
            b.TcpipParameters.TryGetValue(name, out var y);
            if (x != y && !changed.Contains("tcpipParameters"))
            {
                changed.Add("tcpipParameters");
            }
        }

        return changed;
    }

    private static bool RestartNeeded(GlobalOffloadState changes) =>
        changes.Settings.ContainsKey("taskOffload") || changes.TcpipParameters.Count > 0;

    private static void AddRestart(JObject state, List<RestartRequirement> restart)
    {
        if (restart.Count > 0)
        {
            state["_restartRequired"] = new JArray(restart.Select(r => r.ToJson()));
        }
    }

    private static JObject Desired(JObject desired)
    {
        var copy = new JObject();
        foreach (var p in desired.Properties())
        {
            if (!p.Name.StartsWith('_') && p.Value.Type != JTokenType.Null)
            {
                copy[p.Name] = p.Value.DeepClone().WithLocationOf(p.Value);
                if (p.Value is JObject o && copy[p.Name] is JObject c)
                {
                    foreach (var m in o.Properties())
                    {
                        c[m.Name]!.WithLocationOf(m.Value);
                    }
                }
            }
        }

        return copy;
    }

    private static JObject ToJson(GlobalOffloadState state, JObject? only)
    {
        var json = new JObject();
        foreach (var name in CimSettingNames)
        {
            if (state.Settings.TryGetValue(name, out var value) && (only is null || only[name] is not null))
            {
                json[name] = value;
            }
        }

        var tcpip = new JObject();
        var wantedTcpip = only?["tcpipParameters"] as JObject;
        foreach (var name in TcpipParameterNames)
        {
            if (only is not null && wantedTcpip?[name] is null)
            {
                continue;
            }

            state.TcpipParameters.TryGetValue(name, out var value);
            tcpip[name] = value is { } b ? new JValue(b) : JValue.CreateNull();
        }

        if (tcpip.Count > 0)
        {
            json["tcpipParameters"] = tcpip;
        }

        return json;
    }
}
