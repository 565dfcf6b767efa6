namespace DscOffload.Linux.Persistence;

/// <summary>
/// The content of one dscoffload <c>.link</c> file as data: how it matches the device, the name it keeps,
/// the feature switches and channel counts it sets, and any entries it has that dscoffload does not manage.
/// </summary>
internal sealed class SystemdLinkSettings
{
    /// <summary><c>[Match] PermanentMACAddress=</c>, or null.</summary>
    public string? MatchPermanentAddress { get; init; }

    /// <summary><c>[Match] OriginalName=</c>, or null.</summary>
    public string? MatchOriginalName { get; init; }

    /// <summary><c>[Link] Name=</c>: the name the device keeps, or null.</summary>
    public string? Name { get; init; }

    /// <summary>Feature keys (<see cref="SystemdLinkKeys.FeatureKeys"/>) and their values.</summary>
    public IReadOnlyDictionary<string, bool> FeatureSwitches { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Channel counts.</summary>
    public SystemdLinkChannels Channels { get; init; } = SystemdLinkChannels.None;

    /// <summary>Entries found in a parsed file that dscoffload does not write itself.</summary>
    public IReadOnlyList<SystemdLinkEntry> OtherEntries { get; init; } = [];

    /// <summary>
    /// What differs between this (typically the file on disk) and <paramref name="desired"/>, one
    /// readable line per key; empty when the file already says exactly what is desired.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(SystemdLinkSettings desired)
    {
        var differences = new List<string>();
        Compare(differences, $"[Match] {SystemdLinkKeys.PermanentMacAddress}", MatchPermanentAddress, desired.MatchPermanentAddress, StringComparer.OrdinalIgnoreCase);
        Compare(differences, $"[Match] {SystemdLinkKeys.OriginalName}", MatchOriginalName, desired.MatchOriginalName, StringComparer.Ordinal);
        Compare(differences, $"[Link] {SystemdLinkKeys.Name}", Name, desired.Name, StringComparer.Ordinal);
        foreach (var key in SystemdLinkKeys.FeatureKeys.Select(k => k.Key))
        {
            Compare(differences, $"[Link] {key}", Format(FeatureSwitches, key), Format(desired.FeatureSwitches, key), StringComparer.Ordinal);
        }

        Compare(differences, $"[Link] {SystemdLinkKeys.RxChannels}", Channels.Rx, desired.Channels.Rx);
        Compare(differences, $"[Link] {SystemdLinkKeys.TxChannels}", Channels.Tx, desired.Channels.Tx);
        Compare(differences, $"[Link] {SystemdLinkKeys.OtherChannels}", Channels.Other, desired.Channels.Other);
        Compare(differences, $"[Link] {SystemdLinkKeys.CombinedChannels}", Channels.Combined, desired.Channels.Combined);
        foreach (var extra in OtherEntries.Where(e => !desired.OtherEntries.Contains(e)))
        {
            differences.Add($"[{extra.Section}] {extra.Key}: the file has '{extra.Value}', which dscoffload does not write");
        }

        foreach (var missing in desired.OtherEntries.Where(e => !OtherEntries.Contains(e)))
        {
            differences.Add($"[{missing.Section}] {missing.Key}: the file lacks '{missing.Value}'");
        }

        return differences;
    }

    private static string? Format(IReadOnlyDictionary<string, bool> switches, string key) =>
        switches.TryGetValue(key, out var on) ? (on ? "true" : "false") : null;

    private static void Compare(List<string> differences, string what, uint? actual, uint? desired)
    {
        if (actual != desired)
        {
            differences.Add(Describe(what, actual?.ToString(), desired?.ToString()));
        }
    }

    private static void Compare(List<string> differences, string what, string? actual, string? desired, StringComparer comparer)
    {
        if (actual is null && desired is null)
        {
            return;
        }

        if (actual is null || desired is null || !comparer.Equals(actual, desired))
        {
            differences.Add(Describe(what, actual, desired));
        }
    }

    private static string Describe(string what, string? actual, string? desired) =>
        (actual, desired) switch
        {
            (null, _) => $"{what}: the file lacks it, desired '{desired}'",
            (_, null) => $"{what}: the file has '{actual}', desired is not to set it",
            _ => $"{what}: the file has '{actual}', desired '{desired}'",
        };
}
