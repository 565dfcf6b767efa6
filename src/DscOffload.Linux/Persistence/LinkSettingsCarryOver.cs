using System.Globalization;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Builds the content of dscoffload's <c>.link</c> file so that nothing the previously applying file set is lost: its
/// settings outside <c>[Match]</c> are copied, and only the keys dscoffload writes for the desired state (and
/// <c>Name=</c> when it keeps the device's name) replace its values. What cannot be copied faithfully is refused with
/// the file, line and key instead.
/// </summary>
internal static class LinkSettingsCarryOver
{
    /// <summary>
    /// Merges <paramref name="wanted"/> (desired keys), <paramref name="keptEntries"/> (unmanaged entries already in
    /// our file) and the lines of <paramref name="predecessorPath"/> (null: none).
    /// </summary>
    public static LinkCarryOverResult Merge(SystemdLinkSettings wanted, IReadOnlyList<SystemdLinkEntry> keptEntries,
        string? predecessorPath, IReadOnlyList<LinkFileLine> predecessorLines)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(keptEntries);
        ArgumentNullException.ThrowIfNull(predecessorLines);
        var switches = new Dictionary<string, bool>(StringComparer.Ordinal);
        uint? rx = null, tx = null, other = null, combined = null;
        string? name = null;
        var others = keptEntries.ToList();
        var refusals = new List<LinkFileFinding>();
        var carried = new List<string>();
        var carriedLines = predecessorLines.Where(l => l.Section != "Match").ToList();
        foreach (var repeated in carriedLines.GroupBy(l => (l.Section, l.Key)).Where(g => g.Count() > 1))
        {
            refusals.Add(new LinkFileFinding(predecessorPath!, repeated.Last().Line,
                $"[{repeated.Key.Section}] {repeated.Key.Key}= is given {repeated.Count()} times; dscoffload keeps one value per key, so it would not carry it over faithfully"));
        }

        foreach (var line in carriedLines.GroupBy(l => (l.Section, l.Key)).Where(g => g.Count() == 1).Select(g => g.Single()))
        {
            var refusal = line.Section == "Link" ? CarryLinkKey(line, switches, ref rx, ref tx, ref other, ref combined, ref name) : null;
            if (refusal is not null)
            {
                refusals.Add(new LinkFileFinding(predecessorPath!, line.Line, refusal));
                continue;
            }

            if (line.Section != "Link" || IsUnmanaged(line.Key))
            {
                others.RemoveAll(e => e.Section == line.Section && e.Key == line.Key);
                others.Add(new SystemdLinkEntry(line.Section, line.Key, line.Value));
            }

            carried.Add($"[{line.Section}] {line.Key}={line.Value}");
        }

        foreach (var (key, on) in wanted.FeatureSwitches)
        {
            switches[key] = on;
        }

        var settings = new SystemdLinkSettings
        {
            MatchPermanentAddress = wanted.MatchPermanentAddress,
            MatchOriginalName = wanted.MatchOriginalName,
            Name = wanted.Name ?? name,
            FeatureSwitches = switches,
            Channels = new SystemdLinkChannels(
                wanted.Channels.Rx ?? rx, wanted.Channels.Tx ?? tx, wanted.Channels.Other ?? other, wanted.Channels.Combined ?? combined),
            OtherEntries = others,
        };
        return new LinkCarryOverResult(settings, refusals, carried);
    }

    private static bool IsUnmanaged(string key) =>
        key != SystemdLinkKeys.Name && SystemdLinkKeys.ByKey(key) is null && !SystemdLinkKeys.ChannelKeys.Contains(key);

    // Keys dscoffload's parser reads into typed fields must be carried into those fields, or reading our own file
    // back would differ from what was written.
    private static string? CarryLinkKey(LinkFileLine line, Dictionary<string, bool> switches,
        ref uint? rx, ref uint? tx, ref uint? other, ref uint? combined, ref string? name)
    {
        if (line.Key == SystemdLinkKeys.Name)
        {
            name = line.Value;
            return null;
        }

        if (SystemdLinkKeys.ByKey(line.Key) is not null)
        {
            if (Boolean(line.Value) is not { } on)
            {
                return $"[Link] {line.Key}={line.Value} is not a boolean dscoffload can carry over";
            }

            switches[line.Key] = on;
            return null;
        }

        if (!SystemdLinkKeys.ChannelKeys.Contains(line.Key))
        {
            return null;
        }

        if (!uint.TryParse(line.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            return $"[Link] {line.Key}={line.Value} is not a count dscoffload can carry over";
        }

        switch (line.Key)
        {
            case SystemdLinkKeys.RxChannels:
                rx = count;
                break;
            case SystemdLinkKeys.TxChannels:
                tx = count;
                break;
            case SystemdLinkKeys.OtherChannels:
                other = count;
                break;
            default:
                combined = count;
                break;
        }

        return null;
    }

    private static bool? Boolean(string value) => value.ToLowerInvariant() switch
    {
        "1" or "yes" or "y" or "true" or "t" or "on" => true,
        "0" or "no" or "n" or "false" or "f" or "off" => false,
        _ => null,
    };
}
