using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Windows.Platform;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources;

/// <summary>
/// <c>DscOffload.Windows/GlobalOffload</c>: one instance per host. CIM settings missing on this
/// Windows version satisfy "Disabled" (with an info message) and fail anything else; Tcpip registry
/// values that do not exist read as null. Task offload and registry changes report a required restart.
/// A rollback document can ask for a Tcpip value to be absent again through
/// <c>_metadata.restoreAbsent</c> (<see cref="RestoreAbsentMarker"/>), because <c>null</c> means "leave alone".
/// </summary>
public sealed class GlobalOffloadResource : ISettableResource, IExportableResource
{
    private readonly IWindowsOffloadPlatform _platform;
    private readonly bool _live;

    /// <summary>Binds the resource to a platform (live, recorded or fake).</summary>
    public GlobalOffloadResource(IWindowsOffloadPlatform platform, bool live)
    {
        _platform = platform;
        _live = live;
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
        var state = ToJson(actual, desired);
        state["_inDesiredState"] = differing.Count == 0;
        return new TestOutcome(Desired(desired), state, differing.Count == 0, differing);
    }

    /// <inheritdoc />
    public SetOutcome Set(JObject desired, OperationContext context)
    {
        var before = _platform.ReadGlobal();
        var differing = Compare(desired, before, context, out var changes);
        var beforeState = ToJson(before, desired);
        if (differing.Count == 0)
        {
            context.Info("GlobalOffload: already in desired state; nothing changed");
            return new SetOutcome(beforeState, (JObject)beforeState.DeepClone(), [], []);
        }

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

        GlobalOffloadState? written = null;
        GlobalOffloadState reread;
        try
        {
            _platform.WriteGlobal(changes);
            written = changes;
            reread = _platform.ReadGlobal();
        }
        catch (DscOffloadException e)
        {
            throw StopAfterFailedWrite(e, before, beforeState, desired, restart, written ?? (e as PartialGlobalWriteException)?.Applied);
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
        state["_name"] = "GlobalOffload";
        yield return state;
    }

    /// <summary>
    /// A write that failed may still have written part of the change (the CIM settings but not every registry
    /// value), and a write that succeeded may fail to be read back: re-read, and when anything differs from
    /// before, report exactly that as partially applied. When even the re-read fails, what is known to be
    /// <paramref name="written"/> is reported, and the message says the state could not be read back.
    /// </summary>
    private DscOffloadException StopAfterFailedWrite(DscOffloadException failure, GlobalOffloadState before, JObject beforeState, JObject desired,
        List<RestartRequirement> restart, GlobalOffloadState? written)
    {
        GlobalOffloadState? now;
        var unknown = "";
        try
        {
            now = _platform.ReadGlobal();
        }
        catch (DscOffloadException)
        {
            now = written is null ? null : Apply(before, written);
            unknown = " (the settings could not be read back; reported as written)";
        }

        var changed = now is null ? [] : ChangedBetween(before, now);
        if (changed.Count == 0)
        {
            return failure;
        }

        return new PartialApplyException(
            $"GlobalOffload: {failure.Message.TrimEnd('.')}; already changed: {string.Join(", ", changed)}{unknown}; the rest was not touched; 'dscoffload rollback' restores the state saved before this set",
            new SetOutcome(beforeState, ToJson(now!, desired), changed, restart),
            failure);
    }

    private static List<string> Compare(JObject desired, GlobalOffloadState actual, OperationContext? context, out GlobalOffloadState changes)
    {
        changes = new GlobalOffloadState();
        var differing = new List<string>();
        foreach (var name in GlobalOffloadDescriptor.CimSettings)
        {
            if (desired[name] is not { Type: JTokenType.String } want)
            {
                continue;
            }

            var wanted = want.Value<string>()!;
            if (!actual.Settings.TryGetValue(name, out var have))
            {
                if (wanted == "Disabled")
                {
                    context?.Info($"this Windows version has no global {name} setting; desired Disabled is satisfied");
                    continue;
                }
            }
            else if (have == wanted)
            {
                continue;
            }

            changes.Settings[name] = wanted;
            differing.Add(name);
        }

        var any = false;
        if (desired["tcpipParameters"] is JObject tcpip)
        {
            foreach (var name in GlobalOffloadDescriptor.TcpipValues)
            {
                if (tcpip[name] is { Type: JTokenType.Boolean } want)
                {
                    actual.TcpipParameters.TryGetValue(name, out var have);
                    if (have != want.Value<bool>())
                    {
                        changes.TcpipParameters[name] = want.Value<bool>();
                        any = true;
                    }
                }
            }
        }

        foreach (var name in MarkedAbsent(desired))
        {
            // Rollback only: the value did not exist before the change, so it is deleted again.
            if (actual.TcpipParameters.TryGetValue(name, out var have) && have is not null)
            {
                changes.TcpipParameters[name] = null;
                any = true;
            }
        }

        if (any)
        {
            differing.Add("tcpipParameters");
        }

        return differing;
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
        foreach (var name in GlobalOffloadDescriptor.CimSettings)
        {
            a.Settings.TryGetValue(name, out var x);
            b.Settings.TryGetValue(name, out var y);
            if (x != y)
            {
                changed.Add(name);
            }
        }

        foreach (var name in GlobalOffloadDescriptor.TcpipValues)
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

        var absent = MarkedAbsent(desired);
        if (absent.Count > 0)
        {
            if (copy["tcpipParameters"] is not JObject tcpip)
            {
                tcpip = [];
                copy["tcpipParameters"] = tcpip;
            }

            foreach (var name in absent)
            {
                tcpip[name] = JValue.CreateNull();
            }
        }

        return copy;
    }

    /// <summary>
    /// The Tcpip\Parameters values a rollback document marks to be made absent again
    /// (<see cref="RestoreAbsentMarker"/>); only those can be absent, and a value cannot be both desired and absent.
    /// </summary>
    private static List<string> MarkedAbsent(JObject desired)
    {
        var names = new List<string>();
        foreach (var (property, member) in RestoreAbsentMarker.Read(desired))
        {
            var marker = desired["_metadata"]![RestoreAbsentMarker.Member];
            if (property != "tcpipParameters" || !GlobalOffloadDescriptor.TcpipValues.Contains(member))
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"'_metadata.{RestoreAbsentMarker.Member}' can name only tcpipParameters.{string.Join(", tcpipParameters.", GlobalOffloadDescriptor.TcpipValues)}, not '{property}.{member}'",
                    marker.Location());
            }

            if (desired["tcpipParameters"]?[member] is { Type: not JTokenType.Null })
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"tcpipParameters.{member} is both desired and marked absent in '_metadata.{RestoreAbsentMarker.Member}'", marker.Location());
            }

            names.Add(member);
        }

        return names;
    }

    private static JObject ToJson(GlobalOffloadState state, JObject? only)
    {
        var json = new JObject();
        foreach (var name in GlobalOffloadDescriptor.CimSettings)
        {
            if (state.Settings.TryGetValue(name, out var value) && (only is null || only[name] is not null))
            {
                json[name] = value;
            }
        }

        var tcpip = new JObject();
        var wantedTcpip = only?["tcpipParameters"] as JObject;
        var absent = only is null ? [] : MarkedAbsent(only);
        foreach (var name in GlobalOffloadDescriptor.TcpipValues)
        {
            if (only is not null && wantedTcpip?[name] is null && !absent.Contains(name))
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
