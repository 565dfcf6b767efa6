using DscOffload.Core.Safety;

namespace DscOffload.Linux.Persistence;

/// <summary>Reading other tools' configuration files for shadow detection: missing files and directories are no answer, not errors.</summary>
internal static class StackFileText
{
    /// <summary>The files in <paramref name="directory"/> whose names end with <paramref name="suffix"/>, in name order.</summary>
    public static IEnumerable<string> FilesIn(string directory, string suffix) =>
        System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory).Where(f => f.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    /// <summary>The lines of <paramref name="path"/>, or none when it does not exist.</summary>
    public static string[] Lines(string path) => HostTextFile.ReadOrNull(path)?.ReplaceLineEndings("\n").Split('\n') ?? [];

    /// <summary>An ethtool / NetworkManager / netplan boolean, or null when it is not one.</summary>
    public static bool? Boolean(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "yes" or "y" or "true" or "on" => true,
        "0" or "no" or "n" or "false" or "off" => false,
        _ => null,
    };
}
