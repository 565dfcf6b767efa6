namespace DscOffload.Architecture.Tests;

/// <summary>The repository's C# source files, found from the test's own location.</summary>
public static class SourceTree
{
    /// <summary>The directory that holds DscOffload.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every .cs file under <paramref name="relativeDirectory"/>, build output excluded.</summary>
    public static IReadOnlyList<string> CSharpFiles(string relativeDirectory)
    {
        var directory = Path.Combine(Root, relativeDirectory);
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(directory, path)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A path relative to the repository root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string relativePath)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Any(part => part is "bin" or "obj");
    }

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
}
