using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Safety;
using DscOffload.Windows.Platform;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Persistence;

/// <summary>
/// Remembers, across runs, the adapters whose written offload values wait for a restart (<c>restart: Never</c>, or
/// a write or restart that failed), and which settings were written. Windows reports written values at once, so
/// without this record a later set would find them "in desired state" and never restart the adapter.
/// </summary>
/// <remarks>
/// <para>Kept in <c>pending-restarts.json</c> in the state directory and written durably, only by sets (under the
/// host lock). An adapter is recorded <em>before</em> its values are written, so a run killed between the write
/// and the restart still leaves the record; it is removed once the adapter has restarted.</para>
/// <para>A restart of the host restarts every adapter, so records hold only for the boot they were written in. The
/// file keeps the host's uptime at the last write: a smaller uptime now means the host has restarted since. The
/// wall clock is not used, so clock corrections cannot make records vanish. The rule errs towards keeping records:
/// a host restarted and then up for longer than that uptime keeps them, which costs one unneeded adapter restart.</para>
/// </remarks>
internal sealed class PendingRestartLedger
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "pending-restarts.json";

    private readonly string _directory;
    private readonly Func<TimeSpan> _uptime;
    private readonly TimeProvider _clock;
    private readonly StateDirectoryTrust _trust;

    /// <summary>
    /// A ledger in <paramref name="stateDirectory"/>; tests pass the host's uptime, the clock and the ACL checks
    /// (<paramref name="trust"/>, by default the platform's).
    /// </summary>
    public PendingRestartLedger(string stateDirectory, Func<TimeSpan>? uptime = null, TimeProvider? clock = null, StateDirectoryTrust? trust = null)
    {
        _directory = stateDirectory;
        _uptime = uptime ?? (() => TimeSpan.FromMilliseconds(Environment.TickCount64));
        _clock = clock ?? TimeProvider.System;
        _trust = trust ?? StateDirectoryTrust.ForThisHost;
    }

    /// <summary>The file.</summary>
    public string Path => System.IO.Path.Combine(_directory, FileName);

    /// <summary>
    /// The adapters whose restart is pending in this boot, by interface GUID (compared without case), each with the settings
    /// written since its last restart (<c>lsoIPv4</c>, <c>advancedProperties.*JumboPacket</c>). Never throws: a file
    /// that cannot be read or understood gives no adapters and says why in <paramref name="problem"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Pending(out string? problem)
    {
        problem = null;
        try
        {
            var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in Load()?.Properties() ?? [])
            {
                var settings = p.Value["settings"] is JArray names ? names.Values<string>().OfType<string>() : [];
                result[Key(p.Name)] = settings.ToHashSet(StringComparer.OrdinalIgnoreCase);
            }

            return result;
        }
        catch (DscOffloadException e)
        {
            problem = e.OneLine;
            return new Dictionary<string, IReadOnlySet<string>>();
        }
    }

    /// <summary>
    /// Records, before they are written, that <paramref name="settings"/> of <paramref name="adapter"/> will wait for
    /// its restart (added to what it already waits for).
    /// </summary>
    /// <exception cref="DscOffloadException">The ledger cannot be read or written; call this before changing anything.</exception>
    public void Record(WindowsAdapterInfo adapter, IEnumerable<string> settings)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var adapters = Load() ?? [];
        var entry = adapters[Key(adapter.InterfaceGuid)] as JObject ?? new JObject
        {
            ["since"] = _clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
        };
        var names = entry["settings"] is JArray known ? known.Values<string>().OfType<string>().ToList() : [];
        names.AddRange(settings.Where(s => !names.Contains(s, StringComparer.OrdinalIgnoreCase)));
        entry["name"] = adapter.Name;
        entry["settings"] = new JArray(names);
        adapters[Key(adapter.InterfaceGuid)] = entry;
        Save(adapters);
    }

    /// <summary>Forgets <paramref name="interfaceGuid"/> once it has restarted; false (with the reason) when the file could not be updated.</summary>
    public bool TryClear(string interfaceGuid, out string? problem)
    {
        problem = null;
        try
        {
            var adapters = Load();
            if (adapters?.Remove(Key(interfaceGuid)) == true)
            {
                Save(adapters);
            }

            return true;
        }
        catch (DscOffloadException e)
        {
            problem = e.OneLine;
            return false;
        }
    }

    // Windows compares GUIDs without case; the ledger stores them upper-case.
    private static string Key(string interfaceGuid) => interfaceGuid.ToUpperInvariant();

    // The adapters of the current boot, or null when there is no file. A directory or file that another account owns or
    // may write is refused: a planted ledger would make the next set restart adapters.
    private JObject? Load()
    {
        _trust.CheckDirectory(_directory);
        _trust.CheckFile(Path);
        var text = HostTextFile.ReadOrNull(Path);
        if (text is null)
        {
            return null;
        }

        JToken parsed;
        try
        {
            parsed = StructuredTextParser.Parse(text, Path);
        }
        catch (DscOffloadException e)
        {
            throw NotALedger(e.Message);
        }

        if (parsed is not JObject { } ledger || ledger["adapters"] is not JObject adapters
            || ledger["uptimeMs"] is not { Type: JTokenType.Integer } recordedUptime)
        {
            throw NotALedger("expected {\"uptimeMs\": …, \"adapters\": {…}}");
        }

        var normalized = new JObject();
        if (recordedUptime.Value<long>() <= (long)_uptime().TotalMilliseconds)
        {
            foreach (var p in adapters.Properties())
            {
                normalized[Key(p.Name)] = p.Value.DeepClone();
            }
        }

        return normalized;
    }

    private DscOffloadException NotALedger(string why) =>
        new(ErrorKind.Unexpected, $"{Path} is not a pending-restart ledger ({why}); delete it if no adapter waits for a restart");

    private void Save(JObject adapters)
    {
        var ledger = new JObject
        {
            ["uptimeMs"] = (long)_uptime().TotalMilliseconds,
            ["adapters"] = adapters,
        };
        StateDirectory.Ensure(_directory, _trust);
        StateDirectory.WriteFile(_directory, Path, ledger.ToString(Formatting.Indented) + "\n", _trust);
    }
}
