using DscOffload.Core.Safety;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// The other <c>.link</c> files around dscoffload's file for one device. udevd applies only the first file, in name
/// order, whose <c>[Match]</c> fits: a matching file that sorts before ours wins over it (a shadow), and the first
/// matching file after ours is the one that applied before ours existed, whose settings ours must carry over or
/// they stop applying at the next boot.
/// </summary>
/// <param name="Shadows">Files sorting before ours that match the device, or may (a match key dscoffload cannot evaluate).</param>
/// <param name="Predecessor">The first file after ours that matches, with its lines; null when none does.</param>
/// <param name="Undecided">A file after ours, before any sure match, whose match cannot be evaluated; null when none.</param>
internal sealed record OtherLinkFiles(
    IReadOnlyList<LinkFileFinding> Shadows,
    (string Path, IReadOnlyList<LinkFileLine> Lines)? Predecessor,
    LinkFileFinding? Undecided)
{
    /// <summary>Looks at every effective file of <paramref name="searchPath"/> except dscoffload's own.</summary>
    public static OtherLinkFiles Find(SystemdLinkSearchPath searchPath, string ownFileName, LinkDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(searchPath);
        ArgumentNullException.ThrowIfNull(device);
        var shadows = new List<LinkFileFinding>();
        foreach (var path in searchPath.EffectiveFiles())
        {
            // dscoffload's files each match only the device they are named after (by its permanent address or its
            // name), so another device's file is neither a shadow nor a predecessor, and is not opened.
            var name = Path.GetFileName(path);
            if (name == ownFileName || JournaledFile.IsRestorableName(name))
            {
                continue;
            }

            var lines = LinkFileLines.Read(searchPath.Files.ReadOrNull(path) ?? string.Empty);
            var (verdict, why) = SystemdLinkMatcher.Evaluate(lines, device);
            var line = lines.FirstOrDefault(l => l.Section == "Match")?.Line ?? 0;
            var before = string.CompareOrdinal(name, ownFileName) < 0;
            if (before && verdict != LinkMatchVerdict.DoesNotMatch)
            {
                shadows.Add(new LinkFileFinding(path, line, verdict == LinkMatchVerdict.Matches
                    ? $"matches '{device.Name}' and sorts before {ownFileName}, so udevd applies it instead"
                    : $"may match '{device.Name}' ({why}) and sorts before {ownFileName}, so it may apply instead"));
            }
            else if (!before && verdict == LinkMatchVerdict.Matches)
            {
                return new OtherLinkFiles(shadows, (path, lines), null);
            }
            else if (!before && verdict == LinkMatchVerdict.Unknown)
            {
                return new OtherLinkFiles(shadows, null, new LinkFileFinding(path, line,
                    $"cannot tell whether it applies to '{device.Name}' today ({why}), so its settings cannot be carried over"));
            }
        }

        return new OtherLinkFiles(shadows, null, null);
    }
}
