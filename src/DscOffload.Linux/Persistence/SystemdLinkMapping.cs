using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Decides whether a desired Linux offload state can be persisted as a systemd <c>.link</c> file and
/// builds its settings. <c>.link</c> files know a fixed set of keys (<see cref="SystemdLinkKeys"/>):
/// features without a key, and <c>tx-checksum-*</c> features wanted with different values (one key sets
/// them all), cannot be expressed, and the caller reports them instead of writing half a state.
/// </summary>
internal static class SystemdLinkMapping
{
    private const string TransmitChecksumPrefix = "tx-checksum-";
    private const string Tso = "tx-tcp-segmentation";
    private const string Tso6 = "tx-tcp6-segmentation";
    private const string TsoEcn = "tx-tcp-ecn-segmentation";
    private const string TsoMangleId = "tx-tcp-mangleid-segmentation";
    private const string TsoAccEcn = "tx-tcp-accecn-segmentation";

    /// <summary>
    /// Maps desired features (kernel names, aliases already expanded) and channel counts of
    /// <paramref name="device"/> to <c>.link</c> settings.
    /// </summary>
    /// <param name="device">The interface; its permanent address, when known, is what the file matches on.</param>
    /// <param name="desiredFeatures">Kernel feature name → wanted state.</param>
    /// <param name="desiredChannels">Wanted channel counts; null fields are left alone.</param>
    /// <param name="deviceFeatures">
    /// The device's current features, when known. Used to notice that <c>TransmitChecksumOffload=</c> would
    /// also change a changeable <c>tx-checksum-*</c> feature the desired state does not name.
    /// </param>
    /// <remarks>
    /// Matching: <c>PermanentMACAddress=</c> when the device reports a permanent address, because it is
    /// fixed in hardware and independent of naming; <c>OriginalName=</c> matches the name the kernel
    /// assigned before udev renamed the device (<c>eth0</c>, not <c>enp3s0</c>), so the current name is
    /// only reliable for devices without a permanent address, which are typically virtual devices created
    /// with explicit names. Since the first matching <c>.link</c> file is the only one applied, a file
    /// matching by address also writes <c>Name=</c> with the current name: otherwise the device would lose
    /// the name that a later file (such as <c>99-default.link</c>'s <c>NamePolicy=</c>) gave it.
    /// </remarks>
    public static SystemdLinkMappingResult Map(
        LinuxInterface device,
        IReadOnlyDictionary<string, bool> desiredFeatures,
        SystemdLinkChannels desiredChannels,
        EthtoolFeatureSet? deviceFeatures = null)
    {
        var unexpressible = new List<UnexpressibleSetting>();
        var switches = new Dictionary<string, bool>(StringComparer.Ordinal);

        foreach (var (feature, on) in desiredFeatures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var key = SystemdLinkKeys.ForFeature(feature);
            if (key is null)
            {
                if (on || !ImpliedOff(feature, desiredFeatures, deviceFeatures))
                {
                    unexpressible.Add(new UnexpressibleSetting(feature, WhyNoKey(feature, on)));
                }
            }
            else if (!key.IsPrefix)
            {
                switches[key.Key] = on;
            }
        }

        MapTransmitChecksum(desiredFeatures, deviceFeatures, switches, unexpressible);
        MapChannel(desiredChannels.Rx, "channels.rx", SystemdLinkKeys.RxChannels, unexpressible);
        MapChannel(desiredChannels.Tx, "channels.tx", SystemdLinkKeys.TxChannels, unexpressible);
        MapChannel(desiredChannels.Other, "channels.other", SystemdLinkKeys.OtherChannels, unexpressible);
        MapChannel(desiredChannels.Combined, "channels.combined", SystemdLinkKeys.CombinedChannels, unexpressible);

        var byAddress = device.PermanentAddress is { Length: > 0 };
        if (!byAddress && device.Name.AsSpan().IndexOfAny("*?[]") >= 0)
        {
            unexpressible.Add(new UnexpressibleSetting("name",
                $"interface '{device.Name}' has no permanent address and its name contains glob characters, which OriginalName= would treat as a pattern"));
        }

        if (unexpressible.Count > 0)
        {
            return SystemdLinkMappingResult.NotExpressible(unexpressible);
        }

        return SystemdLinkMappingResult.Expressible(new SystemdLinkSettings
        {
            MatchPermanentAddress = byAddress ? device.PermanentAddress : null,
            MatchOriginalName = byAddress ? null : device.Name,
            Name = byAddress ? device.Name : null,
            FeatureSwitches = switches,
            Channels = desiredChannels,
        });
    }

    /// <summary>
    /// True when the kernel turns <paramref name="feature"/> off by itself once the file's other keys are
    /// applied, so "off" needs no key of its own. netdev_fix_features drops <c>tx-tcp-mangleid-segmentation</c>
    /// without <c>tx-tcp-segmentation</c>, and <c>tx-tcp-ecn-segmentation</c> when it would be the only TCP
    /// segmentation feature left (observed on Linux 6.18: with TSO off and TSO6 still on, ECN stays on).
    /// A feature the device has fixed off counts as off.
    /// </summary>
    private static bool ImpliedOff(string feature, IReadOnlyDictionary<string, bool> desired, EthtoolFeatureSet? device) => feature switch
    {
        TsoMangleId => IsOff(Tso, desired, device),
        TsoEcn => IsOff(Tso, desired, device) && IsOff(Tso6, desired, device),
        _ => false,
    };

    private static bool IsOff(string feature, IReadOnlyDictionary<string, bool> desired, EthtoolFeatureSet? device) =>
        desired.TryGetValue(feature, out var on)
            ? !on
            : device is not null && device.TryGet(feature, out var state) && !state.Changeable && !state.Active;

    private static string WhyNoKey(string feature, bool on) => feature switch
    {
        TsoMangleId when on => "systemd .link files have no key for this feature; it can be persisted only as off, together with tx-tcp-segmentation off",
        TsoMangleId => "systemd .link files have no key for this feature; off can be persisted only together with tx-tcp-segmentation off, which makes the kernel drop it",
        TsoEcn when on => "systemd .link files have no key for this feature; it can be persisted only as off, together with tx-tcp-segmentation and tx-tcp6-segmentation off",
        TsoEcn => "systemd .link files have no key for this feature; off can be persisted only together with tx-tcp-segmentation and tx-tcp6-segmentation off, which makes the kernel drop it",
        TsoAccEcn => "systemd .link files have no key for this feature, and the kernel keeps it as it is when TSO or checksumming is turned off, " +
            "so no .link file can set it; leave it out (the 'tso' alias includes it: name tx-tcp-segmentation and tx-tcp6-segmentation instead)",
        _ => "systemd .link files have no key for this feature",
    };

    private static void MapTransmitChecksum(
        IReadOnlyDictionary<string, bool> desiredFeatures,
        EthtoolFeatureSet? deviceFeatures,
        Dictionary<string, bool> switches,
        List<UnexpressibleSetting> unexpressible)
    {
        var checksum = desiredFeatures
            .Where(f => f.Key.StartsWith(TransmitChecksumPrefix, StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        if (checksum.Count == 0)
        {
            return;
        }

        var key = SystemdLinkKeys.ForFeature(checksum[0].Key)!.Key;
        if (checksum.Select(f => f.Value).Distinct().Count() > 1)
        {
            var wanted = string.Join(", ", checksum.Select(f => $"{f.Key}={(f.Value ? "on" : "off")}"));
            foreach (var (feature, _) in checksum)
            {
                unexpressible.Add(new UnexpressibleSetting(feature,
                    $"{key}= sets every tx-checksum-* feature to one value, but the desired state has {wanted}"));
            }

            return;
        }

        var value = checksum[0].Value;
        var unnamed = deviceFeatures?.Features
            .Where(f => f.Changeable && f.Name.StartsWith(TransmitChecksumPrefix, StringComparison.Ordinal) && !desiredFeatures.ContainsKey(f.Name))
            .Select(f => f.Name)
            .ToList() ?? [];
        if (unnamed.Count > 0)
        {
            foreach (var (feature, _) in checksum)
            {
                unexpressible.Add(new UnexpressibleSetting(feature,
                    $"{key}= would also set {string.Join(", ", unnamed)}, which the desired state does not name; name every changeable tx-checksum-* feature (the 'tx' alias does)"));
            }

            return;
        }

        switches[key] = value;
    }

    private static void MapChannel(uint? count, string setting, string key, List<UnexpressibleSetting> unexpressible)
    {
        if (count == 0)
        {
            unexpressible.Add(new UnexpressibleSetting(setting, $"{key}= takes a count of at least 1, so 0 cannot be persisted"));
        }
    }
}
