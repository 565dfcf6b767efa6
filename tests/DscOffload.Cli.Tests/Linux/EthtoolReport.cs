namespace DscOffload.Cli.Tests.Linux;

/// <summary>
/// What the <c>ethtool</c> program reports, parsed just enough for cross-checks: <c>ethtool -k</c> lines
/// (<c>name: on|off [fixed]</c>, sub-features indented) and <c>ethtool -l</c> sections (maximums, current).
/// </summary>
public static class EthtoolReport
{
    /// <summary>Feature (ethtool's long names and kernel names alike) → on, from <c>ethtool -k</c> output.</summary>
    public static IReadOnlyDictionary<string, bool> Features(string text)
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || line.StartsWith("Features for ", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line[(colon + 2)..];
            if (value.StartsWith("on", StringComparison.Ordinal) || value.StartsWith("off", StringComparison.Ordinal))
            {
                result[line[..colon]] = value.StartsWith("on", StringComparison.Ordinal);
            }
        }

        return result;
    }

    /// <summary>The "Current hardware settings" count of <paramref name="kind"/> (RX, TX, Other, Combined) from <c>ethtool -l</c>; null for n/a.</summary>
    public static int? CurrentChannels(string text, string kind) => Channels(text, "Current hardware settings:", kind);

    /// <summary>The "Pre-set maximums" count of <paramref name="kind"/> from <c>ethtool -l</c>; null for n/a.</summary>
    public static int? MaximumChannels(string text, string kind) => Channels(text, "Pre-set maximums:", kind);

    private static int? Channels(string text, string section, string kind)
    {
        var inSection = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.EndsWith(':'))
            {
                inSection = line == section;
                continue;
            }

            if (inSection && line.StartsWith(kind + ":", StringComparison.Ordinal))
            {
                var value = line[(kind.Length + 1)..].Trim();
                return int.TryParse(value, out var n) ? n : null;
            }
        }

        throw new InvalidOperationException($"no '{kind}' in section '{section}' of: {text}");
    }
}
