using DscOffload.Core.Diagnostics;

namespace DscOffload.Packaging.Binaries;

/// <summary>
/// The dscoffload executable that goes into a package: the running one when it is built for the target
/// platform, else the one given with <c>--binary</c>. Anything else is a clear error that says how to
/// build the missing binary. The native libraries the binary loads from its own folder at run time
/// (on Windows, MI's native library) go with it and must lie beside it.
/// </summary>
/// <param name="Path">The file to copy into the module.</param>
/// <param name="Format">What the file is built for.</param>
public sealed record PackageBinary(string Path, ExecutableFormat Format)
{
    /// <summary>The native libraries beside <see cref="Path"/> that ship next to it (full paths).</summary>
    public IReadOnlyList<string> Libraries { get; init; } = [];

    /// <summary>The executable's file name inside the module for <paramref name="platform"/>.</summary>
    public static string FileNameFor(PackagePlatform platform) => platform == PackagePlatform.Windows ? "dscoffload.exe" : "dscoffload";

    /// <summary>How to build the Windows binary on any machine (Native AOT cannot cross-compile between OSes).</summary>
    public static readonly string WindowsBuildHint =
        "build it with scripts/publish-windows.sh (on any OS: dotnet publish src/DscOffload.Cli/DscOffload.Cli.csproj -c Release -r win-x64 --self-contained "
        + "-p:PublishAot=false -p:PublishSingleFile=true -p:PublishTrimmed=true -p:EnableCompressionInSingleFile=true -o artifacts/win-x64, which puts the native libraries beside the exe)";

    /// <summary>How to build the Linux binary.</summary>
    public static readonly string LinuxBuildHint =
        "build it on Linux with: dotnet publish src/DscOffload.Cli/DscOffload.Cli.csproj -c Release -r linux-x64 -o artifacts/native";

    /// <summary>Chooses the binary for <paramref name="platform"/>.</summary>
    /// <param name="platform">The package's platform.</param>
    /// <param name="binaryOption">The <c>--binary</c> value, or null.</param>
    /// <param name="runningPath">The running process's executable (<see cref="Environment.ProcessPath"/>).</param>
    /// <param name="libraries">The file names of the native libraries the binary of <paramref name="platform"/> loads from its folder.</param>
    public static PackageBinary Locate(PackagePlatform platform, string? binaryOption, string? runningPath, IReadOnlyList<string> libraries) =>
        WithLibraries(Find(platform, binaryOption, runningPath), libraries, binaryOption is null ? "the running program" : "--binary");

    private static PackageBinary WithLibraries(PackageBinary binary, IReadOnlyList<string> libraries, string source)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(binary.Path))!;
        var paths = libraries.Select(name => System.IO.Path.Combine(folder, name)).ToList();
        var missing = paths.Where(p => !File.Exists(p)).Select(System.IO.Path.GetFileName).ToList();
        if (missing.Count > 0)
        {
            var hint = binary.Format.Platform == PackagePlatform.Windows ? WindowsBuildHint : LinuxBuildHint;
            throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"{source} '{binary.Path}' needs {string.Join(", ", missing)} beside it in {folder} (it loads {(missing.Count == 1 ? "that library" : "those libraries")} at run time, so the package must carry {(missing.Count == 1 ? "it" : "them")}); {hint}");
        }

        return binary with { Libraries = paths };
    }

    private static PackageBinary Find(PackagePlatform platform, string? binaryOption, string? runningPath)
    {
        var hint = platform == PackagePlatform.Windows ? WindowsBuildHint : LinuxBuildHint;
        if (binaryOption is not null)
        {
            if (!File.Exists(binaryOption))
            {
                throw new DscOffloadException(ErrorKind.InvalidArguments, $"--binary '{binaryOption}' does not exist; {hint}");
            }

            var format = ExecutableFormat.Read(binaryOption)
                ?? throw new DscOffloadException(ErrorKind.InvalidArguments,
                    $"--binary '{binaryOption}' is not an x64/arm64/x86/arm ELF or PE executable; a {Name(platform)} package needs the {Name(platform)} build of dscoffload ({hint})");
            return format.Platform == platform
                ? new PackageBinary(binaryOption, format)
                : throw new DscOffloadException(ErrorKind.InvalidArguments,
                    $"--binary '{binaryOption}' is {format.Description}, but --platform {Name(platform)} needs the {Name(platform)} build of dscoffload; {hint}");
        }

        var running = OperatingSystem.IsWindows() ? PackagePlatform.Windows : OperatingSystem.IsLinux() ? PackagePlatform.Linux : (PackagePlatform?)null;
        if (running != platform)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"a {Name(platform)} package needs the {Name(platform)} build of dscoffload and this one runs on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}: pass --binary PATH; {hint}");
        }

        var runningName = System.IO.Path.GetFileNameWithoutExtension(runningPath ?? "");
        var runningFormat = runningPath is not null && runningName.Equals("dscoffload", StringComparison.OrdinalIgnoreCase) && File.Exists(runningPath)
            ? ExecutableFormat.Read(runningPath)
            : null;
        return runningFormat is not null && runningFormat.Platform == platform
            ? new PackageBinary(runningPath!, runningFormat)
            : throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"the running program ({runningPath ?? "unknown"}) is not a self-contained dscoffload executable, so it cannot go into the package: pass --binary PATH; {hint}");
    }

    /// <summary>The lower-case platform name used on the command line.</summary>
    public static string Name(PackagePlatform platform) => platform == PackagePlatform.Windows ? "windows" : "linux";
}
