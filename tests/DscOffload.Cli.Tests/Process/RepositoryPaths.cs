namespace DscOffload.Cli.Tests.Process;

/// <summary>Finds the repository root and the dscoffload binary under test.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory that holds DscOffload.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The binary the process-level tests run: <c>DSCOFFLOAD_BINARY</c> (the native AOT build, set by
    /// scripts/test.sh), else artifacts/native/dscoffload, else the JIT build next to the tests.
    /// </summary>
    public static string Binary { get; } = FindBinary();

    /// <summary>True when the binary is the Native AOT build.</summary>
    public static bool IsNative => !Binary.EndsWith(".dll", StringComparison.Ordinal) && !Binary.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal);

    /// <summary>A path under the repository root.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DscOffload.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DscOffload.sln not found above the test directory");
    }

    private static string FindBinary()
    {
        if (Environment.GetEnvironmentVariable("DSCOFFLOAD_BINARY") is { Length: > 0 } env)
        {
            return File.Exists(env) ? env : throw new InvalidOperationException($"DSCOFFLOAD_BINARY={env} does not exist");
        }

        var exe = OperatingSystem.IsWindows() ? "dscoffload.exe" : "dscoffload";
        var native = Path.Combine(Root, "artifacts", "native", exe);
        if (File.Exists(native))
        {
            return native;
        }

        var local = Path.Combine(AppContext.BaseDirectory, exe);
        return File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "dscoffload.dll");
    }
}
