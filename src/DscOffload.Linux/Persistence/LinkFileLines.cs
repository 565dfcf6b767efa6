namespace DscOffload.Linux.Persistence;

/// <summary>
/// Reads someone else's <c>.link</c> file leniently, as systemd-udevd does: a line that is not a section header or a
/// <c>key=value</c> in a section is skipped (udevd logs and ignores it), because refusing to read a file dscoffload
/// does not own would make every command fail on a host whose files udevd accepts.
/// </summary>
internal static class LinkFileLines
{
    /// <summary>The <c>key=value</c> lines of <paramref name="text"/> in file order.</summary>
    public static IReadOnlyList<LinkFileLine> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<LinkFileLine>();
        string? section = null;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']' && line.Length >= 3)
            {
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && section is not null)
            {
                result.Add(new LinkFileLine(section, line[..equals].Trim(), line[(equals + 1)..].Trim(), index + 1));
            }
        }

        return result;
    }
}
