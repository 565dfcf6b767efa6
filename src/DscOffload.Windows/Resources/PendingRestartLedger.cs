using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Safety;
using DscOffload.Windows.Platform;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources;

/// <summary>
/// Remembers, across runs, the adapters whose written offload values wait for a restart (<c>restart: Never</c>, or
/// a write or restart that failed). Windows reports the written values at once, so without this record a later
/// set would find them "in desired state" and never restart the adapter, leaving the values inactive.
/// </summary>
/// <remarks>
/// Kept in <c>pending-restarts.json</c> in the state directory, written durably (only sets write it, under the
/// host lock). A restart of the host restarts every adapter, so the record holds only for the boot it was written
/// in: it carries the boot time, and a record from an earlier boot is empty. An adapter restarted by someone else
/// (disabled and enabled by hand) cannot be noticed; the next set restarts it once more.
/// </remarks>
public sealed class PendingRestartLedger
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "pending-restarts.json";

    // Boot times are derived from the uptime counter, so two readings of one boot differ by a little.
    private static readonly TimeSpan SameBoot = TimeSpan.FromMinutes(2);

    private readonly string _directory;
    private readonly Func<DateTimeOffset> _bootTime;
    private readonly TimeProvider _clock;

    /// <summary>A ledger in <paramref name="stateDirectory"/>; tests pass the boot time and the clock.</summary>
    public PendingRestartLedger(string stateDirectory, Func<DateTimeOffset>? bootTime = null, TimeProvider? clock = null)
    {
        _directory = stateDirectory;
        _clock = clock ?? TimeProvider.System;
        _bootTime = bootTime ?? (() => _clock.GetUtcNow() - TimeSpan.FromMilliseconds(Environment.TickCount64));
    }

    /// <summary>The file.</summary>
    public string Path => System.IO.Path.Combine(_directory, FileName);

    /// <summary>
    /// True when <paramref name="interfaceGuid"/>'s restart is pending in this boot. A ledger this process may not
    /// read (a non-administrator get or test) counts as empty.
    /// </summary>
    /// <exception cref="DscOffloadException">The file is not a ledger (InvalidInput, with its location).</exception>
    public bool IsPending(string interfaceGuid) => Load()?.ContainsKey(Key(interfaceGuid)) == true;

    /// <summary>Records that <paramref name="adapter"/>'s written values wait for a restart.</summary>
    public void Record(WindowsAdapterInfo adapter)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var adapters = Load() ?? [];
        if (adapters[Key(adapter.InterfaceGuid)] is null)
        {
            adapters[Key(adapter.InterfaceGuid)] = new JObject
            {
                ["name"] = adapter.Name,
                ["since"] = _clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
            };
            Save(adapters);
        }
    }

    /// <summary>Forgets <paramref name="interfaceGuid"/> once it has been restarted.</summary>
    public void Clear(string interfaceGuid)
    {
        var adapters = Load();
        if (adapters?.Remove(Key(interfaceGuid)) == true)
        {
            Save(adapters);
        }
    }

    // Windows compares GUIDs without case; the ledger stores them upper-case.
    private static string Key(string interfaceGuid) => interfaceGuid.ToUpperInvariant();

    // The adapters of the current boot, or null when there is no readable file.
    private JObject? Load()
    {
        string? text;
        try
        {
            text = HostTextFile.ReadOrNull(Path);
        }
        catch (DscOffloadException e) when (e.Kind == ErrorKind.ElevationRequired)
        {
            return null;
        }

        if (text is null)
        {
            return null;
        }

        if (StructuredTextParser.Parse(text, Path) is not JObject { } ledger
            || ledger["adapters"] is not JObject adapters
            || ledger["bootTime"] is not { Type: JTokenType.String } boot
            || !DateTimeOffset.TryParse(boot.Value<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var recordedBoot))
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                "not a pending-restart ledger (expected {\"bootTime\": …, \"adapters\": {…}}); delete it if no adapter waits for a restart",
                new SourceLocation(Path, 1, 1));
        }

        if ((recordedBoot - _bootTime()).Duration() > SameBoot)
        {
            return [];
        }

        var result = new JObject();
        foreach (var p in adapters.Properties())
        {
            result[Key(p.Name)] = p.Value.DeepClone();
        }

        return result;
    }

    private void Save(JObject adapters)
    {
        var ledger = new JObject
        {
            ["bootTime"] = _bootTime().ToString("o", CultureInfo.InvariantCulture),
            ["adapters"] = adapters,
        };
        StateDirectory.Ensure(_directory);
        try
        {
            DurableFile.Write(Path, ledger.ToString(Formatting.Indented) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StateDirectory.Unusable(_directory, e);
        }
    }
}
