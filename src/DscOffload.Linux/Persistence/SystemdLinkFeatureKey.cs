namespace DscOffload.Linux.Persistence;

/// <summary>
/// One <c>[Link]</c> boolean key of a systemd <c>.link</c> file and the kernel feature(s) it sets.
/// </summary>
/// <param name="Key">The key without <c>=</c>, e.g. <c>GenericReceiveOffload</c>.</param>
/// <param name="Feature">The kernel feature name, or the name prefix when <paramref name="IsPrefix"/>.</param>
/// <param name="IsPrefix">
/// True when the key sets every feature whose name starts with <paramref name="Feature"/>
/// (<c>TransmitChecksumOffload=</c> → all <c>tx-checksum-*</c>), so they can only be persisted with one value.
/// </param>
internal sealed record SystemdLinkFeatureKey(string Key, string Feature, bool IsPrefix)
{
    /// <summary>True when this key sets the kernel feature <paramref name="featureName"/>.</summary>
    public bool Covers(string featureName) =>
        IsPrefix ? featureName.StartsWith(Feature, StringComparison.Ordinal) : featureName == Feature;
}
