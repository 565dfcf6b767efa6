using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// The safety steps around every live change (docs/safety.md), in order: check privileges (code 3 before anything),
/// take the host-wide <see cref="HostChangeLock"/> (code 6 when another change runs), and then, right before each
/// instance changes anything (<see cref="BeforeSet"/>, the engine's <see cref="IChangeGate"/>), test it and save
/// what it will change in the <see cref="ChangeJournal"/>; finally record the outcome (<see cref="Finish"/>).
/// Disposing releases the lock; an entry that was never finished stays <see cref="JournalStatus.Pending"/>,
/// which is exactly what a killed run leaves behind.
/// </summary>
internal sealed class GuardedChange : IDisposable, IChangeGate
{
    private readonly HostChangeLock _lock;
    private readonly string _command;
    private readonly RestoreDocumentBuilder _restore = new();

    private GuardedChange(HostChangeLock held, ChangeJournal journal, string command)
    {
        _lock = held;
        Journal = journal;
        _command = command;
    }

    /// <summary>The journal entries go to.</summary>
    public ChangeJournal Journal { get; }

    /// <summary>The entry of this change, once something is about to change (null while nothing needed to).</summary>
    public JournalEntry? Entry { get; private set; }

    /// <summary>The command that restores the state before this change, for messages.</summary>
    public string RollbackCommand => Entry is null ? "dscoffload rollback" : $"dscoffload rollback --id {Entry.Id}";

    /// <summary>
    /// Begins a live change of <paramref name="types"/> in the default state directory, with this process's privileges;
    /// <paramref name="files"/> are files it will also change (a rollback's saved <c>.link</c> files), which need them too.
    /// </summary>
    public static GuardedChange Begin(string command, IEnumerable<ResourceDescriptor> types, IEnumerable<string>? files = null) =>
        Begin(StateDirectory.Resolve(), command, types, Environment.IsPrivilegedProcess, files);

    /// <summary>
    /// Begins a live change: refuses without privileges when any of <paramref name="types"/> needs them to set or
    /// <paramref name="files"/> are to be changed, then takes the lock in <paramref name="stateDirectory"/> (refused when another
    /// account owns or may write it: <paramref name="trust"/>, by default the platform's <see cref="StateDirectoryTrust"/>).
    /// </summary>
    public static GuardedChange Begin(string stateDirectory, string command, IEnumerable<ResourceDescriptor> types, bool privileged,
        IEnumerable<string>? files = null, StateDirectoryTrust? trust = null)
    {
        var needing = types.Where(t => t.SetRequiresElevation && t.CanSet).Select(t => t.Type).Distinct(StringComparer.OrdinalIgnoreCase)
            .Concat(files ?? []).ToList();
        if (needing.Count > 0 && !privileged)
        {
            var who = OperatingSystem.IsWindows() ? "an elevated (administrator) process" : "root (CAP_NET_ADMIN); run with sudo";
            throw new DscOffloadException(ErrorKind.ElevationRequired, $"changing {string.Join(", ", needing)} needs {who}; nothing was changed");
        }

        var held = HostChangeLock.Acquire(stateDirectory, command, trust);
        return new GuardedChange(held, new ChangeJournal(StateDirectory.JournalOf(stateDirectory), trust: trust), command);
    }

    /// <summary>
    /// Tests <paramref name="input"/> on <paramref name="resource"/> (reads only) and, when it will change
    /// something, saves the current values durably before returning: the first time as a new pending entry, later
    /// by extending that entry. A failing test throws, which stops that instance before any change.
    /// </summary>
    public void BeforeSet(EngineInstance? instance, ResourceDescriptor descriptor, ISettableResource resource, JObject input)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var quiet = new OperationContext(_ => { }, Environment.MachineName);
        var test = resource.Test((JObject)input.DeepClone(), quiet);
        var added = _restore.Add(descriptor, instance?.Name, input, test);
        if (resource is IFileWritingResource writer)
        {
            added += writer.FilesSetWillWrite(test).Count(path => _restore.AddFile(JournaledFile.Capture(path)));
        }

        if (added > 0)
        {
            Save();
        }
    }

    /// <inheritdoc />
    void IChangeGate.BeforeSet(EngineInstance instance, ResourceDescriptor descriptor, ISettableResource resource, JObject input) =>
        BeforeSet(instance, descriptor, resource, input);

    /// <summary>
    /// Puts back the files of a journal entry being rolled back (<see cref="JournalEntry.Files"/>), after its restore
    /// document was applied without errors. Each file that differs from its saved content is first saved as it is
    /// now, in this change's entry, so the rollback itself can be rolled back; then the files are put back one by
    /// one, each reported to <paramref name="restored"/> as soon as it is done, so a failure part-way still leaves
    /// an exact account of what changed. Returns how many files were put back.
    /// </summary>
    /// <exception cref="DscOffloadException">A file could not be read or written; the files reported before it were restored.</exception>
    public int RestoreFiles(IReadOnlyList<JournaledFile> files, Action<string> restored)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(restored);
        var stale = files.Where(f => !f.IsCurrent()).ToList();
        var added = false;
        foreach (var file in stale)
        {
            added |= _restore.AddFile(JournaledFile.Capture(file.Path));
        }

        if (added)
        {
            Save();
        }

        foreach (var file in stale)
        {
            restored(file.Restore());
        }

        return stale.Count;
    }

    /// <summary>Records how the change ended: applied, partial (something changed, then a failure) or failed (nothing changed).</summary>
    public void Finish(bool changed, bool hadErrors, string? detail)
    {
        if (Entry is null)
        {
            return;
        }

        var status = !hadErrors ? JournalStatus.Applied : changed ? JournalStatus.Partial : JournalStatus.Failed;
        Entry = Journal.SetStatus(Entry, status, detail);
    }

    /// <summary>
    /// The whole guarded set of a document: runs the set with this object as the engine's gate, records the
    /// outcome, and names the journal entry in the run (<see cref="EngineRun.Journal"/>, written as
    /// <c>metadata.DscOffload.journal</c>). An exception that is not a <see cref="DscOffloadException"/> (a bug) after an entry was written
    /// leaves the entry pending and is reported with the rollback command.
    /// </summary>
    public EngineRun RunSet(ConfigurationEngine engine, PreparedConfiguration prepared, HostTarget target) =>
        RunSet(engine, prepared, target, [], _ => { });

    /// <summary>
    /// <see cref="RunSet(ConfigurationEngine, PreparedConfiguration, HostTarget)"/> for a rollback: when the document
    /// applied without errors, also puts back <paramref name="files"/> (<see cref="RestoreFiles"/>), telling
    /// <paramref name="restored"/> each one, then runs the <see cref="RestorableFileDirectory.AfterRestore"/> of each of
    /// <paramref name="directories"/> holding some of them. A file that cannot be put back, or a follow-up that fails,
    /// makes the run fail (an error message in the run, status partial or failed).
    /// </summary>
    public EngineRun RunSet(ConfigurationEngine engine, PreparedConfiguration prepared, HostTarget target,
        IReadOnlyList<JournaledFile> files, Action<string> restored, IReadOnlyList<RestorableFileDirectory>? directories = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(restored);
        EngineRun run;
        try
        {
            run = engine.Run(prepared, target, EngineOperation.Set, this);
            if (!run.HadErrors && files.Count > 0)
            {
                run = WithFilesRestored(run, files, restored, directories ?? []);
            }
        }
        catch (Exception e) when (Entry is not null && e is not DscOffloadException)
        {
            throw new DscOffloadException(ErrorKind.Unexpected,
                $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}; what was changed is unknown; the state before this set is saved, '{RollbackCommand}' restores it",
                null,
                e);
        }

        Finish(run.Changed, run.HadErrors, run.HadErrors ? DescribeFailure(run, run.Changed) : null);
        return Entry is { } saved ? run with { Journal = new JournalReference(saved.Id, saved.Path, JournalStatusNames.Name(saved.Status)) } : run;
    }

    private EngineRun WithFilesRestored(EngineRun run, IReadOnlyList<JournaledFile> files, Action<string> restored,
        IReadOnlyList<RestorableFileDirectory> directories)
    {
        var messages = run.Messages.ToList();
        var done = 0;
        void Tell(string line)
        {
            messages.Add(FileMessage(MessageLevel.Information, line));
            restored(line);
        }

        try
        {
            RestoreFiles(files, line =>
            {
                done++;
                Tell(line);
            });
            // Also when every file already was as saved: a rollback run again after a failed follow-up retries it.
            foreach (var directory in directories.Where(d => d.AfterRestore is not null))
            {
                var held = files.Select(f => f.Path).Where(directory.Holds).ToList();
                if (held.Count > 0)
                {
                    directory.AfterRestore!(held, Tell);
                }
            }

            return done == 0 && messages.Count == run.Messages.Count ? run : run with { Messages = messages, Changed = run.Changed || done > 0 };
        }
        catch (DscOffloadException e)
        {
            messages.Add(FileMessage(MessageLevel.Error, e.Message));
            return run with { Messages = messages, HadErrors = true, FirstError = e.Kind, InDesiredState = false, Changed = run.Changed || done > 0 };
        }
    }

    private static RunMessage FileMessage(MessageLevel level, string text) => new("restore files", "journal", level, text);

    private void Save() =>
        Entry = Entry is null
            ? Journal.Record(_restore.Build(), _command, Environment.MachineName, _restore.Notes)
            : Journal.Update(Entry, _restore.Build(), _restore.Notes);

    /// <summary>
    /// <paramref name="message"/> pointing at this change's entry: the generic advice resources give
    /// ("'dscoffload rollback' restores the state saved before this set") gets the exact command, and a message
    /// without that advice gets it appended, so the advice appears once.
    /// </summary>
    public string WithRollbackAdvice(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string Generic = "'dscoffload rollback' restores the state saved before this set";
        return message.Contains(Generic, StringComparison.Ordinal)
            ? message.Replace(Generic, $"'{RollbackCommand}' restores the state saved before this set", StringComparison.Ordinal)
            : $"{message}; to restore the state saved before this set run '{RollbackCommand}'";
    }

    /// <summary>"changed 'a' (features), then 'b' failed: …", from a set's results: what changed and what stopped the set.</summary>
    public static string DescribeFailure(EngineRun run, bool changed)
    {
        ArgumentNullException.ThrowIfNull(run);
        var changes = run.Results
            .Where(r => r.Set is { ChangedProperties.Count: > 0 })
            .Select(r => $"'{r.Name}' ({string.Join(", ", r.Set!.ChangedProperties)})")
            .ToList();
        var failure = run.Messages.FirstOrDefault(m => m.Level == MessageLevel.Error);
        var failed = failure is null ? "a failure" : $"'{failure.Name}' failed: {failure.Text}";
        if (!changed || changes.Count == 0)
        {
            return failed;
        }

        // The failing instance's own "nothing was changed" is about that instance only; say so next to what did change.
        return $"changed {string.Join(", ", changes)}; then {failed.Replace("; nothing was changed", " (that instance changed nothing)", StringComparison.Ordinal)}";
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
