using System.Globalization;
using System.Security.Cryptography;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// The per-host journal of live changes: before a change alters anything, the settings it will alter are
/// saved, with their current values, as a DSC configuration document (<see cref="JournalEntry"/>), one file
/// per change (<c>&lt;id&gt;.dsc.json</c>) in <see cref="Directory"/>, written durably by <see cref="DurableFile"/>.
/// <c>dscoffload rollback</c> applies such a document to restore the state before the change.
/// </summary>
/// <remarks>
/// Pruning (after every new entry): an entry is deleted only when it is older than <see cref="KeepYoungerThan"/>
/// (30 days) <b>and</b> not among the <see cref="KeepNewest"/> (50) newest entries, so a busy host keeps at least
/// a month of history and a quiet host keeps its last 50 changes however old they are. Temporary files left by
/// a crash during a write are removed once they are an hour old.
/// </remarks>
internal sealed class ChangeJournal
{
    /// <summary>How many of the newest entries are always kept.</summary>
    public const int KeepNewest = 50;

    /// <summary>File name suffix of entries.</summary>
    public const string Suffix = ".dsc.json";

    /// <summary>Entries younger than this are always kept.</summary>
    public static readonly TimeSpan KeepYoungerThan = TimeSpan.FromDays(30);

    private static readonly TimeSpan TemporaryFileAge = TimeSpan.FromHours(1);
    private readonly TimeProvider _clock;
    private readonly StateDirectoryTrust _trust;

    /// <summary>
    /// Opens the journal in <paramref name="directory"/> (created on the first write); <paramref name="trust"/> (by default the
    /// platform's) refuses a journal directory or entry that another account owns or may write.
    /// </summary>
    public ChangeJournal(string directory, TimeProvider? clock = null, StateDirectoryTrust? trust = null)
    {
        Directory = directory;
        _clock = clock ?? TimeProvider.System;
        _trust = trust ?? StateDirectoryTrust.ForThisHost;
    }

    /// <summary>The journal directory.</summary>
    public string Directory { get; }

    /// <summary>
    /// Saves <paramref name="restoreDocument"/> (a DSC configuration document with <c>$schema</c> and
    /// <c>resources</c>) as a new <see cref="JournalStatus.Pending"/> entry and prunes old entries. Returns
    /// only once the entry is on disk.
    /// </summary>
    public JournalEntry Record(JObject restoreDocument, string command, string host, IReadOnlyList<string>? notes = null)
    {
        var now = _clock.GetUtcNow();
        var id = now.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var document = (JObject)restoreDocument.DeepClone();
        var ours = OurMetadata(document);
        ours["journal"] = new JObject
        {
            ["id"] = id,
            ["createdAt"] = now.ToString("o", CultureInfo.InvariantCulture),
            ["host"] = host,
            ["command"] = command,
            ["status"] = JournalStatusNames.Name(JournalStatus.Pending),
            ["notes"] = new JArray(notes ?? []),
        };
        StateDirectory.Ensure(Directory, _trust);
        var path = Path.Combine(Directory, id + Suffix);
        Write(path, document);
        Prune();
        return JournalEntry.FromDocument(path, document);
    }

    /// <summary>
    /// Replaces the restore document of a pending <paramref name="entry"/> (a change that goes on to another instance
    /// saves what that instance will change before changing it), keeping the entry's facts.
    /// </summary>
    public JournalEntry Update(JournalEntry entry, JObject restoreDocument, IReadOnlyList<string> notes)
    {
        var document = (JObject)restoreDocument.DeepClone();
        var ours = OurMetadata(document);
        var facts = (JObject)JournalEntry.Facts(entry.Document)!.DeepClone();
        facts["notes"] = new JArray(notes);
        facts["updatedAt"] = _clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
        ours["journal"] = facts;
        Write(entry.Path, document);
        return JournalEntry.FromDocument(entry.Path, document);
    }

    /// <summary>Records the outcome of <paramref name="entry"/>'s change (rewriting the file durably).</summary>
    public JournalEntry SetStatus(JournalEntry entry, JournalStatus status, string? detail)
    {
        var document = (JObject)entry.Document.DeepClone();
        var facts = JournalEntry.Facts(document)!;
        facts["status"] = JournalStatusNames.Name(status);
        facts["updatedAt"] = _clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
        if (detail is not null)
        {
            facts["detail"] = detail;
        }

        Write(entry.Path, document);
        return JournalEntry.FromDocument(entry.Path, document);
    }

    /// <summary>Every readable entry, newest first.</summary>
    public IReadOnlyList<JournalEntry> List() => List(out _);

    /// <summary>
    /// Every readable entry, newest first; <paramref name="unreadable"/> names files that are not valid entries, and
    /// entries that another account owns or may write (never applied: a planted entry would make a rollback its tool).
    /// </summary>
    /// <exception cref="DscOffloadException">The journal directory itself is owned or writable by another account.</exception>
    public IReadOnlyList<JournalEntry> List(out IReadOnlyList<string> unreadable)
    {
        var entries = new List<JournalEntry>();
        var problems = new List<string>();
        _trust.CheckDirectory(Directory);
        foreach (var path in EntryFiles())
        {
            if (!_trust.IsUsable(path, out var untrusted))
            {
                problems.Add(untrusted!);
                continue;
            }

            try
            {
                if (StructuredTextParser.ParseFile(path) is JObject document)
                {
                    entries.Add(JournalEntry.FromDocument(path, document));
                    continue;
                }

                problems.Add($"{path}: not a journal entry");
            }
            catch (DscOffloadException e)
            {
                problems.Add(e.OneLine);
            }
        }

        unreadable = problems;
        return [.. entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal)];
    }

    /// <summary>The entry whose id is <paramref name="id"/> or starts with it (when that is unique).</summary>
    public JournalEntry Find(string id)
    {
        var entries = List();
        var exact = entries.FirstOrDefault(e => e.Id == id);
        if (exact is not null)
        {
            return exact;
        }

        var matches = id.Length == 0 ? [] : entries.Where(e => e.Id.StartsWith(id, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"no journal entry '{id}' in {Directory}; 'dscoffload rollback --list' shows the entries"),
            _ => throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"'{id}' matches {matches.Count} journal entries ({string.Join(", ", matches.Take(3).Select(m => m.Id))}…); give more of the id"),
        };
    }

    /// <summary>
    /// The entry <c>rollback</c> restores by default: the newest entry of a change that may have changed
    /// something (<see cref="JournalStatus.Pending"/>, <see cref="JournalStatus.Applied"/> or
    /// <see cref="JournalStatus.Partial"/>) and that is not itself a rollback. Repeated rollbacks therefore walk
    /// back through the changes; undoing a rollback takes its id.
    /// </summary>
    public JournalEntry? LatestToRestore() =>
        List().FirstOrDefault(e => !e.IsRollback && e.Status is JournalStatus.Pending or JournalStatus.Applied or JournalStatus.Partial);

    /// <summary>Applies the pruning rule (see the remarks of <see cref="ChangeJournal"/>); returns how many entries were deleted.</summary>
    public int Prune()
    {
        var now = _clock.GetUtcNow();
        var deleted = 0;
        var entries = List();
        for (var i = KeepNewest; i < entries.Count; i++)
        {
            if (now - entries[i].CreatedAt > KeepYoungerThan)
            {
                File.Delete(entries[i].Path);
                deleted++;
            }
        }

        foreach (var temporary in System.IO.Directory.EnumerateFiles(Directory, "*" + DurableFile.TemporarySuffix))
        {
            if (now - File.GetLastWriteTimeUtc(temporary) > TemporaryFileAge)
            {
                File.Delete(temporary);
            }
        }

        return deleted;
    }

    // Assigning a token that already has a parent would copy it, so only new objects are attached.
    private static JObject OurMetadata(JObject document)
    {
        if (document["metadata"] is not JObject metadata)
        {
            metadata = [];
            document["metadata"] = metadata;
        }

        if (metadata["DscOffload"] is not JObject ours)
        {
            ours = [];
            metadata["DscOffload"] = ours;
        }

        return ours;
    }

    private IEnumerable<string> EntryFiles() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*" + Suffix).Where(f => !Path.GetFileName(f).StartsWith('.'))
            : [];

    private void Write(string path, JObject document) =>
        StateDirectory.WriteFile(Directory, path, document.ToString(Formatting.Indented) + "\n", _trust);
}
