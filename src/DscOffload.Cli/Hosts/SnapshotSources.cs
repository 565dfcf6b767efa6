using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Cli.Hosts;

/// <summary>
/// Expands <c>--against</c> values into snapshot files: a file as is, a directory as every
/// <c>.json</c>/<c>.yaml</c>/<c>.yml</c> file below it, or a glob whose last segment has wildcards
/// (<c>snapshots/web-*.dsc.json</c>). Sorted, duplicates removed, so fleet output is stable.
/// </summary>
public static class SnapshotSources
{
    /// <summary>The files to read, in order.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> values)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var found = new List<string>();
            if (Directory.Exists(value))
            {
                found.AddRange(Directory.EnumerateFiles(value, "*", SearchOption.AllDirectories).Where(IsSnapshotFile));
            }
            else if (WildcardPattern.HasWildcards(value))
            {
                var dir = Path.GetDirectoryName(value);
                var pattern = Path.GetFileName(value);
                if (string.IsNullOrEmpty(dir))
                {
                    dir = ".";
                }

                if (WildcardPattern.HasWildcards(dir) || !Directory.Exists(dir))
                {
                    throw new DscOffloadException(ErrorKind.InvalidArguments,
                        $"--against '{value}': wildcards are supported in the file name only, in an existing directory");
                }

                found.AddRange(Directory.EnumerateFiles(dir).Where(f => WildcardPattern.Matches(pattern, Path.GetFileName(f), ignoreCase: false)));
                if (found.Count == 0)
                {
                    throw new DscOffloadException(ErrorKind.InvalidArguments, $"--against '{value}' matches no file");
                }
            }
            else if (File.Exists(value))
            {
                found.Add(value);
            }
            else
            {
                throw new DscOffloadException(ErrorKind.InvalidArguments, $"--against '{value}': no such file or directory");
            }

            found.Sort(StringComparer.Ordinal);
            foreach (var f in found)
            {
                if (seen.Add(Path.GetFullPath(f)))
                {
                    files.Add(f);
                }
            }
        }

        return files;
    }

    private static bool IsSnapshotFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
