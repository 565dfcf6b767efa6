using System.Globalization;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Decides whether a <c>.link</c> file's <c>[Match]</c> section fits a device, following systemd-udevd: every key
/// given must fit; list keys accumulate over repeated lines and an empty value resets them; a list starting with
/// <c>!</c> is inverted; a file without match keys is ignored. Keys whose facts dscoffload does not know (host
/// conditions, <c>Type=</c>, <c>Kind=</c>) make the answer <see cref="LinkMatchVerdict.Unknown"/> unless another key
/// already rules the file out.
/// </summary>
internal static class SystemdLinkMatcher
{
    private const string MatchSection = "Match";

    /// <summary>The verdict for <paramref name="lines"/> (a whole file) and <paramref name="device"/>, and the key that decided it.</summary>
    public static (LinkMatchVerdict Verdict, string Why) Evaluate(IReadOnlyList<LinkFileLine> lines, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(device);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Section == MatchSection))
        {
            if (!lists.TryGetValue(line.Key, out var list))
            {
                lists[line.Key] = list = [];
            }

            if (line.Value.Length == 0)
            {
                list.Clear();
            }
            else
            {
                list.AddRange(line.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        var given = lists.Where(kv => kv.Value.Count > 0).ToList();
        if (given.Count == 0)
        {
            return (LinkMatchVerdict.DoesNotMatch, "it has no [Match] key, so udevd ignores it");
        }

        string? unknown = null;
        var renamed = RenamesTo(lines, device);
        foreach (var (key, values) in given)
        {
            var fits = key == "OriginalName" && renamed ? true : Fits(key, values, device);
            if (fits == false)
            {
                return (LinkMatchVerdict.DoesNotMatch, $"{key}={string.Join(' ', values)} does not fit");
            }

            if (fits is null)
            {
                unknown ??= $"{key}= cannot be evaluated by dscoffload";
            }
        }

        return unknown is null ? (LinkMatchVerdict.Matches, "every [Match] key fits") : (LinkMatchVerdict.Unknown, unknown);
    }

    /// <summary>
    /// True when the file's <c>[Link] Name=</c> is the device's current name and its <c>OriginalName=</c> does not fit that
    /// name: the device carries the name this file gives (netplan's <c>match: name</c> with <c>set-name</c> renders such a
    /// file), so udevd matched <c>OriginalName=</c> with the kernel's name before the rename, which dscoffload does not know.
    /// </summary>
    public static bool RenamesTo(IReadOnlyList<LinkFileLine> lines, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(device);
        var newName = lines.LastOrDefault(l => l.Section == "Link" && l.Key == "Name")?.Value;
        var patterns = new List<string>();
        foreach (var line in lines.Where(l => l.Section == MatchSection && l.Key == "OriginalName"))
        {
            if (line.Value.Length == 0)
            {
                patterns.Clear();
            }
            else
            {
                patterns.AddRange(line.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return newName == device.Name && patterns.Count > 0 && GlobList(patterns, device.Name) == false;
    }

    private static bool? Fits(string key, List<string> values, LinkDeviceFacts device) => key switch
    {
        "OriginalName" => GlobList(values, device.Name),
        "PermanentMACAddress" => device.PermanentAddress is null ? false : AddressList(values, device.PermanentAddress),
        "MACAddress" => AddressList(values, device.CurrentAddress),
        "Path" => GlobList(values, Property(device, "ID_PATH")),
        "Driver" => GlobList(values, Property(device, "ID_NET_DRIVER")),
        "Property" => Properties(values, device),
        _ => null,
    };

    private static string? Property(LinkDeviceFacts device, string name) =>
        device.Properties is null ? null : device.Properties.TryGetValue(name, out var value) ? value : string.Empty;

    // A missing property is the empty string, which a pattern such as "pci-*" does not fit (as in udevd).
    private static bool? GlobList(List<string> patterns, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var invert = patterns[0].StartsWith('!');
        var items = invert ? [patterns[0][1..], .. patterns.Skip(1)] : patterns;
        var any = items.Where(p => p.Length > 0).Any(p => ShellGlob.Matches(p, value));
        return any != invert;
    }

    private static bool? AddressList(List<string> addresses, string? address)
    {
        if (address is null)
        {
            return null;
        }

        return addresses.Any(a => string.Equals(Normalize(a), Normalize(address), StringComparison.Ordinal));
    }

    private static string Normalize(string address) =>
        address.Replace("-", ":", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);

    private static bool? Properties(List<string> entries, LinkDeviceFacts device)
    {
        if (device.Properties is null)
        {
            return null;
        }

        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (entry.StartsWith('!') || equals <= 0)
            {
                return null;
            }

            var value = device.Properties.TryGetValue(entry[..equals], out var v) ? v : null;
            if (value is null || !ShellGlob.Matches(entry[(equals + 1)..], value))
            {
                return false;
            }
        }

        return true;
    }
}
