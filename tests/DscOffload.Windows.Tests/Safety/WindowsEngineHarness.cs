using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>
/// Runs whole documents through the real engine and the real safety steps (<see cref="GuardedChange"/>) against a
/// fake Windows host, with a private state directory.
/// </summary>
public sealed class WindowsEngineHarness : IDisposable
{
    private static readonly ResourceCatalog Catalog = new([new GlobalOffloadProvider(), new WindowsNetAdapterOffloadProvider()]);
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("dscoffload-state-");

    public ChangeJournal Journal => new(StateDirectory.JournalOf(_state.FullName));

    public void Dispose() => _state.Delete(recursive: true);

    public static ConfigurationEngine Engine(bool whatIf = false) => new(Catalog, new EngineOptions { WhatIf = whatIf });

    public static PreparedConfiguration Prepare(ConfigurationDocument document, string path, bool whatIf = false)
    {
        var instances = ConfigurationResolver.Resolve(document, null).Instances.Where(i => i.IsConditionMet)
            .Select(i => new EngineInstance(i.Name, i.Type, i.Properties, i.Source.Location, i.Source.TypeLocation)).ToList();
        return Engine(whatIf).Prepare(path, instances);
    }

    public EngineRun GuardedSet(string yaml, IWindowsOffloadPlatform platform) =>
        Guarded(Prepare(DocumentLoader.Parse(yaml, "doc.dsc.yaml"), "doc.dsc.yaml"), "config set --file doc.dsc.yaml", platform);

    public EngineRun Rollback(JournalEntry entry, IWindowsOffloadPlatform platform) =>
        Guarded(Prepare(DocumentLoader.Load(entry.Path), entry.Path), $"rollback --id {entry.Id}", platform);

    public static EngineRun Run(string yaml, IWindowsOffloadPlatform platform, EngineOperation operation, bool whatIf = false) =>
        Engine(whatIf).Run(Prepare(DocumentLoader.Parse(yaml, "doc.dsc.yaml"), "doc.dsc.yaml", whatIf), new FakeWindowsTarget(platform), operation);

    /// <summary>Every global setting (absent registry values included) and every adapter's settings and advanced properties.</summary>
    public static string State(IWindowsOffloadPlatform platform)
    {
        var global = platform.ReadGlobal();
        var lines = new List<string>
        {
            "global: " + string.Join(",", global.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")),
            "tcpip: " + string.Join(",", global.TcpipParameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value?.ToString() ?? "absent"}")),
        };
        foreach (var adapter in platform.ListAdapters())
        {
            var state = platform.ReadAdapter(adapter);
            lines.Add($"{adapter.Name}: " + string.Join(",", state.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
                + " | " + string.Join(",", state.AdvancedProperties.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => $"{kv.Key}={kv.Value}")));
        }

        return string.Join("\n", lines);
    }

    private EngineRun Guarded(PreparedConfiguration prepared, string command, IWindowsOffloadPlatform platform)
    {
        using var guard = GuardedChange.Begin(_state.FullName, command, prepared.Instances.Select(i => i.Provider.Descriptor), privileged: true);
        return guard.RunSet(Engine(), prepared, new FakeWindowsTarget(platform));
    }
}
