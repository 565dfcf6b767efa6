using System.CommandLine;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Packaging.Binaries;
using DscOffload.Packaging.MachineConfiguration;
using DscOffload.Packaging.PowerShell;
using DscOffload.Windows.Live;

namespace DscOffload.Cli.Commands;

/// <summary>
/// <c>dscoffload package machine-configuration|powershell-module</c>: builds an Azure Machine Configuration
/// package from a DSC v3 document, or writes the PowerShell module that wraps the resources for PSDSC.
/// </summary>
public static class PackageCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(ResourceCatalog catalog)
    {
        var command = new Command("package", "Build deployable artifacts: Azure Machine Configuration packages and the PowerShell DSC module.");
        command.Subcommands.Add(MachineConfiguration(catalog));
        command.Subcommands.Add(PowerShellModule(catalog));
        return command;
    }

    /// <summary>The native libraries the binary of <paramref name="platform"/> loads from its own folder: MI's on Windows, none on Linux (Native AOT links everything in).</summary>
    private static IReadOnlyList<string> NativeLibraries(PackagePlatform platform) =>
        platform == PackagePlatform.Windows ? MiNativeLibrary.FileNames : [];

    private static Command MachineConfiguration(ResourceCatalog catalog)
    {
        var command = new Command("machine-configuration",
            "Build <NAME>.zip (MOF, metaconfig, the DscOffload module with the binary for the platform) and <NAME>.zip.sha256 from a DSC v3 document.");
        var file = new Option<string>("--file", "-f") { Description = "The configuration document (YAML or JSON).", Required = true };
        var name = new Option<string>("--name", "-n") { Description = "Package, configuration and assignment name (letters, digits, '_', '-').", Required = true };
        var type = new Option<string>("--type", "-t") { Description = "Audit (report only) or AuditAndSet (may apply).", Required = true };
        type.AcceptOnlyFromAmong("Audit", "AuditAndSet");
        var platform = new Option<string>("--platform") { Description = "windows or linux: the hosts the package is for.", Required = true };
        platform.AcceptOnlyFromAmong("windows", "linux");
        var parameters = new Option<string>("--parameters-file", "-p") { Description = "Parameter values for the document, resolved into the MOF." };
        var binary = new Option<string>("--binary") { Description = "The dscoffload executable for the platform (default: this one, when it is built for that platform)." };
        var version = new Option<string>("--version") { Description = "Package version written to the metaconfig (default 1.0.0).", DefaultValueFactory = _ => "1.0.0" };
        var output = new Option<string>("--output", "-o") { Description = "Directory for the zip and its .sha256 (default: the current directory)." };
        foreach (var option in new Option[] { file, name, type, platform, parameters, binary, version, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            var target = Enum.Parse<PackagePlatform>(parse.GetValue(platform)!, ignoreCase: true);
            var request = new MachineConfigurationRequest
            {
                Name = parse.GetValue(name)!,
                Type = Enum.Parse<MachineConfigurationType>(parse.GetValue(type)!),
                Version = parse.GetValue(version)!,
                Platform = target,
                DocumentPath = parse.GetValue(file)!,
                ParametersPath = parse.GetValue(parameters),
                Binary = PackageBinary.Locate(target, parse.GetValue(binary), Environment.ProcessPath, NativeLibraries(target)),
                OutputDirectory = parse.GetValue(output) ?? Directory.GetCurrentDirectory(),
            };
            var result = MachineConfigurationPackage.Build(request, catalog);
            streams.Error.WriteLine($"wrote {result.ZipPath} ({result.InstanceCount} instance(s), {result.ZipBytes} bytes, {result.UnpackedBytes} unpacked)");
            streams.Error.WriteLine($"contentHash (SHA256): {result.Sha256}");
            streams.Out.WriteLine(JsonText.Indented(result.ToJson()));
            return CliExitCode.Success;
        }));
        return command;
    }

    private static Command PowerShellModule(ResourceCatalog catalog)
    {
        var command = new Command("powershell-module",
            $"Write the {WrapperClass.ModuleName} PowerShell module (class-based DSC resources generated from the descriptors) into DIR/{WrapperClass.ModuleName}/.");
        var output = new Option<string>("--output", "-o") { Description = "Directory to create the module folder in.", Required = true };
        var platform = new Option<string>("--platform") { Description = "windows or linux: whose binary to put under bin/ (default: this machine's)." };
        platform.AcceptOnlyFromAmong("windows", "linux");
        var binary = new Option<string>("--binary") { Description = "The dscoffload executable to ship (default: this one)." };
        var noBinary = new Option<bool>("--no-binary") { Description = "Write only the .psd1 and .psm1 (the checked-in copy under src/DscOffload.PowerShell)." };
        foreach (var option in new Option[] { output, platform, binary, noBinary })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            PackageBinary? shipped = null;
            if (!parse.GetValue(noBinary))
            {
                var target = parse.GetValue(platform) is { } named
                    ? Enum.Parse<PackagePlatform>(named, ignoreCase: true)
                    : OperatingSystem.IsWindows() ? PackagePlatform.Windows : PackagePlatform.Linux;
                shipped = PackageBinary.Locate(target, parse.GetValue(binary), Environment.ProcessPath, NativeLibraries(target));
            }

            var folder = Path.Combine(parse.GetValue(output)!, WrapperClass.ModuleName);
            foreach (var entry in PowerShellModuleFiles.Entries(catalog, shipped))
            {
                var path = Path.Combine(folder, entry.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var source = entry.Open())
                using (var target = File.Create(path))
                {
                    source.CopyTo(target);
                }

                if (entry.IsExecutable && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
                }
            }

            streams.Error.WriteLine($"wrote {folder}");
            return CliExitCode.Success;
        }));
        return command;
    }
}
