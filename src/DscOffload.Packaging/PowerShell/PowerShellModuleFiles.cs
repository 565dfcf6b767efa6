using DscOffload.Core.Resources;
using DscOffload.Packaging.Binaries;

namespace DscOffload.Packaging.PowerShell;

/// <summary>
/// The files of the DscOffload PowerShell module as they sit in its folder: the manifest, the root module
/// and, when given, the dscoffload binary under <c>bin/&lt;runtime id&gt;/</c>, where the runtime looks for it,
/// with the native libraries it loads from its own folder beside it.
/// </summary>
public static class PowerShellModuleFiles
{
    /// <summary>The module's files, paths relative to the module folder.</summary>
    public static IReadOnlyList<PackageEntry> Entries(ResourceCatalog catalog, PackageBinary? binary)
    {
        var classes = PowerShellModuleWriter.Classes(catalog);
        var entries = new List<PackageEntry>
        {
            PackageEntry.Text(PowerShellModuleWriter.ManifestFileName, PowerShellModuleWriter.Manifest(classes)),
            PackageEntry.Text(PowerShellModuleWriter.ScriptFileName, PowerShellModuleWriter.Script(classes)),
        };
        if (binary is not null)
        {
            entries.Add(new PackageEntry(BinaryPath(binary.Format), null, binary.Path, IsExecutable: true));
            var folder = BinaryPath(binary.Format)[..BinaryPath(binary.Format).LastIndexOf('/')];
            entries.AddRange(binary.Libraries.Select(library => new PackageEntry($"{folder}/{Path.GetFileName(library)}", null, library)));
        }

        return entries;
    }

    /// <summary>Where the binary of <paramref name="format"/> lives inside the module.</summary>
    public static string BinaryPath(ExecutableFormat format) => $"bin/{format.RuntimeId}/{PackageBinary.FileNameFor(format.Platform)}";
}
