using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Safety;

namespace DscOffload.Tests.Engine;

/// <summary>
/// Runs whole documents through the real engine and the real safety steps (<see cref="GuardedChange"/>: lock,
/// restore point, journal, outcome) against a <see cref="TestHost"/>, with a private state directory that is
/// created on first use and deleted on dispose.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    private const string DocumentPath = "doc.dsc.yaml";
    private DirectoryInfo? _state;

    /// <summary>The private state directory (journal, lock, restore points).</summary>
    public string StateDirectory => (_state ??= Directory.CreateTempSubdirectory("dscoffload-state-")).FullName;

    /// <summary>The journal of this harness's guarded runs.</summary>
    public ChangeJournal Journal => new(Core.Safety.StateDirectory.JournalOf(StateDirectory));

    public void Dispose() => _state?.Delete(recursive: true);

    /// <summary>Resolves a document and prepares its instances whose conditions hold.</summary>
    public static PreparedConfiguration Prepare(TestHost host, ConfigurationDocument document, string path, bool whatIf = false)
    {
        var instances = ConfigurationResolver.Resolve(document, null).Instances.Where(i => i.IsConditionMet)
            .Select(i => new EngineInstance(i.Name, i.Type, i.Properties, i.Source.Location, i.Source.TypeLocation)).ToList();
        return Engine(host, whatIf).Prepare(path, instances);
    }

    /// <summary>An unguarded run of <paramref name="operation"/>, as get, test or what-if set run.</summary>
    public static EngineRun Run(string yaml, TestHost host, EngineOperation operation, bool whatIf = false) =>
        Engine(host, whatIf).Run(Prepare(host, DocumentLoader.Parse(yaml, DocumentPath), DocumentPath, whatIf), host, operation);

    /// <summary>A guarded live set, as <c>dscoffload config set</c> runs it.</summary>
    public EngineRun GuardedSet(string yaml, TestHost host) =>
        Guarded(host, Prepare(host, DocumentLoader.Parse(yaml, DocumentPath), DocumentPath), $"config set --file {DocumentPath}");

    /// <summary>Applies a journal entry, as <c>dscoffload rollback --id</c> does (itself guarded and journaled).</summary>
    public EngineRun Rollback(JournalEntry entry, TestHost host) =>
        Guarded(host, Prepare(host, DocumentLoader.Load(entry.Path), entry.Path), $"rollback --id {entry.Id}");

    private static ConfigurationEngine Engine(TestHost host, bool whatIf = false) => new(host.Catalog, new EngineOptions { WhatIf = whatIf });

    private EngineRun Guarded(TestHost host, PreparedConfiguration prepared, string command)
    {
        using var guard = GuardedChange.Begin(StateDirectory, command, prepared.Instances.Select(i => i.Provider.Descriptor), privileged: true);
        return guard.RunSet(Engine(host), prepared, host);
    }
}
