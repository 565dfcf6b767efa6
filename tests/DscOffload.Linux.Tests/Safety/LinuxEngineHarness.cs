using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Fakes;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>
/// Runs whole documents through the real engine and the real safety steps (<see cref="GuardedChange"/>:
/// lock, restore point, journal, outcome) against fake devices, with a private state directory.
/// </summary>
public sealed class LinuxEngineHarness : IDisposable
{
    private static readonly ResourceCatalog Catalog = new([new LinuxNetAdapterOffloadProvider()]);
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("dscoffload-state-");

    public string StateDirectory => _state.FullName;

    public ChangeJournal Journal => new(Core.Safety.StateDirectory.JournalOf(StateDirectory));

    public void Dispose() => _state.Delete(recursive: true);

    public static PreparedConfiguration Prepare(string yaml, string path = "doc.dsc.yaml", bool whatIf = false) =>
        Prepare(DocumentLoader.Parse(yaml, path), path, whatIf);

    public static PreparedConfiguration Prepare(ConfigurationDocument document, string path, bool whatIf = false)
    {
        var resolved = ConfigurationResolver.Resolve(document, null);
        var instances = resolved.Instances.Where(i => i.IsConditionMet)
            .Select(i => new EngineInstance(i.Name, i.Type, i.Properties, i.Source.Location, i.Source.TypeLocation)).ToList();
        return Engine(whatIf).Prepare(path, instances);
    }

    public static ConfigurationEngine Engine(bool whatIf = false) => new(Catalog, new EngineOptions { WhatIf = whatIf });

    /// <summary>A guarded live set, as <c>dscoffload config set</c> runs it.</summary>
    public EngineRun GuardedSet(string yaml, IEthtoolDevices devices)
    {
        var prepared = Prepare(yaml);
        using var guard = GuardedChange.Begin(StateDirectory, "config set --file doc.dsc.yaml", prepared.Instances.Select(i => i.Provider.Descriptor), privileged: true);
        return guard.RunSet(Engine(), prepared, new FakeLinuxHost(devices));
    }

    /// <summary>Applies a journal entry, as <c>dscoffload rollback --id</c> does (itself guarded and journaled).</summary>
    public EngineRun Rollback(JournalEntry entry, IEthtoolDevices devices)
    {
        var prepared = Prepare(DocumentLoader.Load(entry.Path), entry.Path);
        using var guard = GuardedChange.Begin(StateDirectory, $"rollback --id {entry.Id}", prepared.Instances.Select(i => i.Provider.Descriptor), privileged: true);
        return guard.RunSet(Engine(), prepared, new FakeLinuxHost(devices));
    }

    public static EngineRun Run(string yaml, IEthtoolDevices devices, EngineOperation operation, bool whatIf = false) =>
        Engine(whatIf).Run(Prepare(yaml, whatIf: whatIf), new FakeLinuxHost(devices), operation);

    /// <summary>Active state and channels of every interface: what <c>ethtool -k</c> (without requests) and <c>ethtool -l</c> show.</summary>
    public static string ActiveState(FakeEthtoolDevices fake) => string.Join("\n", fake.ListInterfaces().Select(i =>
        $"{i.Name}: {string.Join(",", fake.GetFeatures(i.Name).Features.Where(f => f.Active).Select(f => f.Name))} {fake.GetChannels(i.Name)?.Current}"));

    /// <summary>Requested and active state of every feature plus channels.</summary>
    public static string FullState(FakeEthtoolDevices fake) => string.Join("\n", fake.ListInterfaces().Select(i =>
        $"{i.Name}: {string.Join(",", fake.GetFeatures(i.Name).Features.Select(f => $"{f.Name}={f.Requested}/{f.Active}"))} {fake.GetChannels(i.Name)?.Current}"));
}
