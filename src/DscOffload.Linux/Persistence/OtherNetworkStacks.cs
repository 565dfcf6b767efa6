using DscOffload.Linux.Settings;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// The host's other network tools that keep offload settings and re-apply them after systemd-udevd applied the
/// <c>.link</c> file: NetworkManager profiles, netplan, ifupdown and udev rules running ethtool. A setting of theirs
/// that contradicts the desired state wins over dscoffload's file at the next boot or reconnect.
/// </summary>
/// <param name="Root">The directory their standard paths are taken below (<c>/</c> on a live host and a recorded one).</param>
/// <param name="Recording">The recorded files to read instead of the file system, or null for the live host.</param>
internal sealed record OtherNetworkStacks(string Root, NetworkConfigFiles? Recording = null)
{
    /// <summary>Where the files are read: the recording, else the live file system.</summary>
    public NetworkConfigFiles Files => Recording ?? NetworkConfigFiles.Live;

    /// <summary>Every offload setting those tools keep for <paramref name="device"/>.</summary>
    public IReadOnlyList<PersistedOffload> Find(LinkDeviceFacts device) =>
    [
        .. NetworkManagerProfiles.Find(Files, Root, device),
        .. NetplanFiles.Find(Files, Root, device),
        .. IfupdownFiles.Find(Files, Root, device),
        .. UdevEthtoolRules.Find(Files, Root, device),
    ];

    /// <summary>
    /// The settings of <see cref="Find"/> that set a feature of <paramref name="desiredFeatures"/> (kernel names) to
    /// the other value, each as file:line with what it does.
    /// </summary>
    public IReadOnlyList<LinkFileFinding> Contradicting(LinkDeviceFacts device, IReadOnlyDictionary<string, bool> desiredFeatures)
    {
        ArgumentNullException.ThrowIfNull(desiredFeatures);
        var result = new List<LinkFileFinding>();
        foreach (var setting in Find(device))
        {
            var pattern = FeatureAliases.PatternOf(setting.Feature) ?? setting.Feature;
            var contradicted = desiredFeatures
                .Where(d => d.Value != setting.On && ShellGlob.Matches(pattern, d.Key))
                .Select(d => $"{d.Key}={(d.Value ? "on" : "off")}")
                .ToList();
            if (contradicted.Count > 0)
            {
                result.Add(new LinkFileFinding(setting.Path, setting.Line,
                    $"{setting.Stack} sets {setting.Feature} {(setting.On ? "on" : "off")} for '{device.Name}' and re-applies it after the .link file, " +
                    $"against the desired {string.Join(", ", contradicted)}"));
            }
        }

        return result;
    }
}
