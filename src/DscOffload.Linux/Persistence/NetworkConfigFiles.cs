namespace DscOffload.Linux.Persistence;

/// <summary>
/// The one way shadow and override detection reads the host's network configuration files (<c>.link</c> files,
/// NetworkManager keyfiles, netplan, ifupdown, udev rules), so that the same detection runs over a live file system
/// (<see cref="LiveNetworkConfigFiles"/>) and over the files a snapshot recorded
/// (<see cref="Recorded.RecordedNetworkConfigFiles"/>). Missing files and directories are no answer, not errors.
/// </summary>
internal abstract class NetworkConfigFiles
{
    /// <summary>The running host's file system.</summary>
    public static NetworkConfigFiles Live { get; } = new LiveNetworkConfigFiles();

    /// <summary>True when the files are a recording: nothing may be written for them.</summary>
    public abstract bool IsRecorded { get; }

    /// <summary>
    /// The entries of <paramref name="directory"/> that are not directories and whose names end with
    /// <paramref name="suffix"/>, as full paths in name order (links to <c>/dev/null</c> included).
    /// </summary>
    public abstract IReadOnlyList<string> FilesIn(string directory, string suffix);

    /// <summary>The text of <paramref name="path"/>, or null when it does not exist (or is a link to <c>/dev/null</c>).</summary>
    public abstract string? ReadOrNull(string path);

    /// <summary>True when <paramref name="path"/> is a link to <c>/dev/null</c>, which masks the same name in later directories.</summary>
    public abstract bool IsMasked(string path);

    /// <summary>
    /// What <paramref name="directory"/> is after following links (<c>/lib</c> is often <c>/usr/lib</c>), so that a
    /// directory reached twice is read once; null when it does not exist.
    /// </summary>
    public abstract string? Identity(string directory);
}
