using System.CommandLine;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Packaging.Manifests;

namespace DscOffload.Cli.Commands;

/// <summary><c>dscoffload manifest [--output DIR]</c>: writes the DSC resource manifests generated from the descriptors.</summary>
public static class ManifestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ResourceCatalog catalog)
    {
        var command = new Command("manifest", $"Write {ManifestBuilder.FileName} (all resource types, embedded schemas) to a directory, or to stdout.");
        var output = new Option<string>("--output", "-o") { Description = "Directory to write the manifest into." };
        command.Options.Add(output);
        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            var text = JsonText.Indented(ManifestBuilder.BuildList(catalog)) + "\n";
            if (parse.GetValue(output) is { } dir)
            {
                Directory.CreateDirectory(dir);
                var path = Path.Combine(dir, ManifestBuilder.FileName);
                File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
                streams.Error.WriteLine($"wrote {path}");
            }
            else
            {
                streams.Out.Write(text);
            }

            return CliExitCode.Success;
        }));
        return command;
    }
}
