using System.CommandLine;
using System.Globalization;
using DscOffload.Cli.Output;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Commands;

/// <summary>
/// <c>dscoffload snapshot</c>: export every DscOffload resource of this host as a DSC export
/// document, the recorded-state format that <c>--against</c> reads.
/// </summary>
public static class SnapshotCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ResourceCatalog catalog)
    {
        var command = new Command("snapshot", "Record this host's offload state as a DSC export document (for --against).");
        var output = new Option<string>("--output", "-o") { Description = "File to write; stdout when absent." };
        command.Options.Add(output);
        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            var document = Take(catalog, streams);
            var text = JsonText.Indented(document) + "\n";
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
                streams.Error.WriteLine($"wrote {path} ({((JArray)document["resources"]!).Count} instance(s))");
            }
            else
            {
                streams.Out.Write(text);
            }

            return CliExitCode.Success;
        }));
        return command;
    }

    /// <summary>Exports every type whose platform is this OS.</summary>
    public static JObject Take(ResourceCatalog catalog, StandardStreams streams)
    {
        var os = OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsLinux() ? "Linux" : Environment.OSVersion.Platform.ToString();
        var providers = catalog.Providers.Where(p => p.Descriptor.Platform == os).ToList();
        if (providers.Count == 0)
        {
            throw new DscOffloadException(ErrorKind.NotSupported, $"snapshot: DscOffload has no resource types for {os}");
        }

        var resources = new JArray();
        var context = new OperationContext(m => { if (m.Level <= MessageLevel.Warning) { streams.Error.WriteLine($"{m.Level}: {m.Text}"); } }, Environment.MachineName);
        foreach (var provider in providers)
        {
            var type = provider.CreateLive() as IExportableResource
                ?? throw new DscOffloadException(ErrorKind.NotSupported, $"{provider.Descriptor.Type} cannot export");
            foreach (var state in type.Export([], context))
            {
                var name = state["_name"]?.Value<string>() ?? provider.Descriptor.ShortName;
                state.Remove("_name");
                resources.Add(new JObject { ["type"] = provider.Descriptor.Type, ["name"] = name, ["properties"] = state });
            }
        }

        var metadata = new JObject
        {
            ["host"] = Environment.MachineName,
            ["os"] = os.ToLowerInvariant(),
            // The build decides which Windows settings still have an effect, so a dry run against the snapshot agrees.
            ["osVersion"] = $"{Environment.OSVersion.Version.Major}.{Environment.OSVersion.Version.Minor}.{Environment.OSVersion.Version.Build}",
            ["recordedAt"] = DateTimeOffset.Now.ToString("o", CultureInfo.InvariantCulture),
        };
        if (OperatingSystem.IsLinux())
        {
            // The persisted network configuration, so that a dry run against the snapshot sees the same shadows as the host.
            metadata[Linux.Recorded.RecordedNetworkConfigFiles.SectionName] = Linux.Resources.NetAdapterOffload.LinuxNetAdapterOffloadResource.RecordNetworkConfiguration();
        }

        return new JObject
        {
            ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
            ["contentVersion"] = "1.0.0",
            ["metadata"] = new JObject { ["DscOffload"] = metadata },
            ["resources"] = resources,
        };
    }
}
