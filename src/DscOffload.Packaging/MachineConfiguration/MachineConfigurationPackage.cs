using System.Globalization;
using System.Security.Cryptography;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using DscOffload.Packaging.Binaries;
using DscOffload.Packaging.PowerShell;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.MachineConfiguration;

/// <summary>
/// Builds an Azure Machine Configuration package from a DSC v3 document: <c>&lt;Name&gt;.mof</c> (instances of
/// the wrapper classes, parameters resolved), <c>&lt;Name&gt;.metaconfig.json</c> (<c>Type</c>, <c>Version</c>)
/// and <c>Modules/DscOffload/</c> (the module with the binary for the platform), zipped with no root folder
/// as <c>&lt;Name&gt;.zip</c>, plus <c>&lt;Name&gt;.zip.sha256</c>. The zip name, the MOF configuration name and
/// the metaconfig name agree, as Machine Configuration requires. The output is reproducible: fixed entry
/// order and timestamps, no generation date, so the same inputs give the same hash.
/// </summary>
public static class MachineConfigurationPackage
{
    /// <summary>The most the unpacked package may hold (Machine Configuration's 100 MB limit).</summary>
    public const long MaxUnpackedBytes = 100_000_000;

    /// <summary>The folder inside the package that holds PowerShell modules.</summary>
    public const string ModulesFolder = "Modules";

    private static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds and writes the package; returns what was written.</summary>
    public static MachineConfigurationResult Build(MachineConfigurationRequest request, ResourceCatalog catalog, long maxUnpackedBytes = MaxUnpackedBytes)
    {
        CheckName(request.Name);
        CheckVersion(request.Version);
        var instances = Instances(request, catalog);
        var entries = Entries(request, catalog, instances);
        var unpacked = entries.Sum(e => e.Length);
        if (unpacked > maxUnpackedBytes)
        {
            var largest = entries.MaxBy(e => e.Length)!;
            throw new DscOffloadException(ErrorKind.InvalidInput,
                $"the package '{request.Name}' would unpack to {Megabytes(unpacked)} MB; Machine Configuration allows at most {Megabytes(maxUnpackedBytes)} MB "
                + $"(largest file: {largest.Path}, {Megabytes(largest.Length)} MB); ship a smaller dscoffload build (Native AOT on Linux, a trimmed single-file publish on Windows)");
        }

        Directory.CreateDirectory(request.OutputDirectory);
        var zipPath = Path.Combine(request.OutputDirectory, request.Name + ".zip");
        WriteZip(zipPath, entries);
        string sha256;
        using (var zip = File.OpenRead(zipPath))
        {
            sha256 = Convert.ToHexString(SHA256.HashData(zip));
        }

        var hashPath = zipPath + ".sha256";
        File.WriteAllText(hashPath, $"{sha256}  {request.Name}.zip\n", new System.Text.UTF8Encoding(false));
        return new MachineConfigurationResult(request, zipPath, sha256, hashPath, new FileInfo(zipPath).Length, unpacked, instances.Count);
    }

    /// <summary>The package's files in the order they are zipped.</summary>
    public static IReadOnlyList<PackageEntry> Entries(MachineConfigurationRequest request, ResourceCatalog catalog, IReadOnlyList<MofResourceInstance> instances)
    {
        var entries = new List<PackageEntry>
        {
            PackageEntry.Text(request.Name + ".mof", MofDocumentWriter.Write(request.Name, instances)),
            PackageEntry.Text(request.Name + ".metaconfig.json", Metaconfig(request).ToString(Newtonsoft.Json.Formatting.Indented) + "\n"),
        };
        foreach (var file in PowerShellModuleFiles.Entries(catalog, request.Binary))
        {
            entries.Add(file with { Path = $"{ModulesFolder}/{WrapperClass.ModuleName}/{file.Path}" });
        }

        return entries;
    }

    /// <summary>The metaconfig: <c>Type</c> (Audit or AuditAndSet) and <c>Version</c>.</summary>
    public static JObject Metaconfig(MachineConfigurationRequest request) => new()
    {
        ["Type"] = request.Type.ToString(),
        ["Version"] = request.Version,
    };

    /// <summary>
    /// Loads and resolves the document and turns each instance whose condition holds into a MOF instance.
    /// Every instance must be a DscOffload type for the package's platform (that can set or assert, for AuditAndSet)
    /// with valid properties; errors name the document location.
    /// </summary>
    public static IReadOnlyList<MofResourceInstance> Instances(MachineConfigurationRequest request, ResourceCatalog catalog)
    {
        var resolved = DocumentPreparation.Resolve(request.DocumentPath, request.ParametersPath);
        foreach (var instance in resolved.Where(i => catalog.Find(i.Type) is null))
        {
            throw new DscOffloadException(ErrorKind.ValidationFailed,
                $"'{instance.Name}' has type '{instance.Type}', which is not a DscOffload resource type (known: {catalog.TypeNames}); a DscOffload package holds only DscOffload types, so package other resources separately",
                instance.Source.TypeLocation);
        }

        var engine = new ConfigurationEngine(catalog, new EngineOptions());
        engine.Prepare(request.DocumentPath, resolved.Select(DocumentPreparation.ToEngineInstance).ToList());
        if (resolved.Count == 0)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"{request.DocumentPath} has no resource instance to package (none, or every condition is false)");
        }

        var classes = new Dictionary<string, WrapperClass>(StringComparer.OrdinalIgnoreCase);
        foreach (var instance in resolved)
        {
            var descriptor = catalog.Find(instance.Type)!.Descriptor;
            if (!descriptor.Platform.Equals(PackageBinary.Name(request.Platform), StringComparison.OrdinalIgnoreCase))
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"'{instance.Name}' has type '{descriptor.Type}', which manages {descriptor.Platform} hosts; a {PackageBinary.Name(request.Platform)} package can hold only {request.Platform} types (build one package per platform)",
                    instance.Source.TypeLocation);
            }

            // A type whose set asserts (OffloadCoexistence) is remediation that fails loudly: Set changes nothing and
            // throws when the conditions do not hold, so the instances that depend on it are not applied.
            if (request.Type == MachineConfigurationType.AuditAndSet && !descriptor.CanSet && !descriptor.SetAsserts)
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"'{instance.Name}' has type '{descriptor.Type}', which has no set operation; put it in an Audit package",
                    instance.Source.TypeLocation);
            }

            classes[descriptor.Type] = WrapperClass.For(descriptor);
        }

        RefuseDuplicateKeys(resolved, classes);
        var file = Path.GetFileName(request.DocumentPath);
        var ids = resolved.ToDictionary(i => InstanceKey(i.Type, i.Name), i => MofResourceInstance.ResourceIdOf(classes[i.Type].ClassName, i.Name), StringComparer.Ordinal);
        return resolved.Select(i =>
        {
            var wrapper = classes[i.Type];
            var at = i.Source.Location;
            var dependsOn = i.DependsOn
                .Select(reference => ids.GetValueOrDefault(ReferenceKey(reference)))
                .OfType<string>()
                .ToList();
            var sourceInfo = string.Create(CultureInfo.InvariantCulture, $"{file}::{at.Line}::{at.Column}::{wrapper.ClassName}");
            return new MofResourceInstance(wrapper, i.Name, i.Properties, dependsOn, sourceInfo);
        }).ToList();
    }

    /// <summary>
    /// Refuses two instances of one class whose key properties have the same values, as PSDSC's compiler
    /// does (<c>ConflictingDuplicateResource</c>): the agent would apply both to one setting, and the
    /// last one would win on every run. Keys compare as PowerShell compares them (strings ignoring case);
    /// a single-instance type's synthetic key is always <c>Yes</c>, so it may appear only once. The error
    /// points at the second instance and names the first and the non-key properties that differ.
    /// </summary>
    public static void RefuseDuplicateKeys(IReadOnlyList<ResolvedInstance> resolved, IReadOnlyDictionary<string, WrapperClass> classes)
    {
        var seen = new Dictionary<string, ResolvedInstance>(StringComparer.OrdinalIgnoreCase);
        foreach (var instance in resolved)
        {
            var wrapper = classes[instance.Type];
            var keys = wrapper.Properties.Where(p => p.Role == WrapperPropertyRole.Key).ToList();
            var identity = wrapper.ClassName + "|" + string.Join("|", keys.Select(k => KeyText(wrapper, k.Name, instance.Properties)));
            if (!seen.TryAdd(identity, instance))
            {
                var first = seen[identity];
                var keyText = string.Join(", ", keys.Select(k => $"{k.Name} = {KeyText(wrapper, k.Name, instance.Properties)}"));
                var differing = instance.Properties.Properties().Select(p => p.Name)
                    .Union(first.Properties.Properties().Select(p => p.Name), StringComparer.Ordinal)
                    .Where(name => !JToken.DeepEquals(instance.Properties[name], first.Properties[name]))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var conflict = differing.Count == 0
                    ? "the same instance twice; remove one"
                    : $"they differ in {string.Join(", ", differing)}, so one of them could never be in the desired state";
                throw new DscOffloadException(ErrorKind.InvalidInput,
                    $"'{instance.Name}' and '{first.Name}' (at {first.Source.Location}) are both {wrapper.ClassName} with {keyText}: {conflict} "
                    + "(PSDSC refuses this as ConflictingDuplicateResource); give each setting one instance",
                    instance.Source.Location);
            }
        }
    }

    /// <summary>Checks a package name: it names the zip, the configuration and the assignment.</summary>
    public static void CheckName(string name)
    {
        var valid = name.Length is > 0 and <= 64 && char.IsAsciiLetter(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (!valid)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"--name '{name}' is not a valid package name; use 1 to 64 ASCII letters, digits, '_' or '-', starting with a letter (it names the zip, the MOF configuration and the assignment)");
        }
    }

    /// <summary>Checks a package version: two to four dot-separated numbers.</summary>
    public static void CheckVersion(string version)
    {
        var parts = version.Split('.');
        if (parts.Length is < 2 or > 4 || parts.Any(p => p.Length == 0 || p.Length > 9 || !p.All(char.IsAsciiDigit)))
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments, $"--version '{version}' is not a version; use numbers such as 1.0.0");
        }
    }

    private static void WriteZip(string zipPath, IReadOnlyList<PackageEntry> entries)
    {
        var temporary = zipPath + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var entry in entries)
            {
                var item = zip.CreateEntry(entry.Path, System.IO.Compression.CompressionLevel.Optimal);
                item.LastWriteTime = EntryTimestamp;
                // Unix mode in the high 16 bits: regular file, 0755 for the binary, else 0644.
                item.ExternalAttributes = (entry.IsExecutable ? 0x81ED : 0x81A4) << 16;
                using var target = item.Open();
                using var source = entry.Open();
                source.CopyTo(target);
            }
        }

        File.Move(temporary, zipPath, overwrite: true);
    }

    private static string KeyText(WrapperClass wrapper, string key, JObject properties) =>
        wrapper.IsSingleInstance && key == WrapperClass.SingleInstanceKey
            ? "Yes"
            : properties[key] is JValue { Value: { } value } ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : properties[key]?.ToString(Newtonsoft.Json.Formatting.None) ?? "(none)";

    private static string InstanceKey(string type, string name) => type.ToLowerInvariant() + "/" + name;

    private static string ReferenceKey(string reference)
    {
        var first = reference.IndexOf('/', StringComparison.Ordinal);
        var second = first < 0 ? -1 : reference.IndexOf('/', first + 1);
        return second < 0 ? reference : InstanceKey(reference[..second], reference[(second + 1)..]);
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture);
}
