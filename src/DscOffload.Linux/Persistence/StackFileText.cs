namespace DscOffload.Linux.Persistence;

/// <summary>Reading other tools' configuration files for shadow detection: missing files and directories are no answer, not errors.</summary>
internal static class StackFileText
{
    /// <summary>The lines of <paramref name="path"/> read through <paramref name="files"/>, or none when it does not exist.</summary>
    public static string[] Lines(NetworkConfigFiles files, string path) => files.ReadOrNull(path)?.ReplaceLineEndings("\n").Split('\n') ?? [];

    /// <summary>An ethtool / NetworkManager / netplan boolean, or null when it is not one.</summary>
    public static bool? Boolean(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "yes" or "y" or "true" or "on" => true,
        "0" or "no" or "n" or "false" or "off" => false,
        _ => null,
    };
}
