using System.Text;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Changes keys of one section of a NetworkManager keyfile as text, leaving every other byte as it was: comments,
/// key order, blank lines, line endings and the keys NetworkManager would write differently. <c>nmcli connection
/// modify</c> is not used for this because it rewrites the whole file in NetworkManager's own form (observed with
/// NetworkManager 1.42: comments dropped, keys reordered, <c>timestamp=</c> and an empty <c>[proxy]</c> added).
/// </summary>
internal static class NetworkManagerKeyfile
{
    /// <summary>
    /// <paramref name="text"/> with each key of <paramref name="values"/> in <paramref name="section"/> set: every existing
    /// line of that key is rewritten as <c>key=value</c>; a missing key is added after the last line of the last such
    /// section, or in a new section at the end of the file. Returns the same string when nothing changes.
    /// </summary>
    public static string SetKeys(string text, string section, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        var lines = SplitKeepingEndings(text);
        var newline = lines.Select(l => l.Ending).FirstOrDefault(e => e.Length > 0) ?? "\n";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var insertAt = -1;
        for (var index = 0; index < lines.Count; index++)
        {
            var content = lines[index].Content.Trim();
            if (content.Length >= 3 && content[0] == '[' && content[^1] == ']')
            {
                current = content[1..^1];
                if (current == section)
                {
                    insertAt = index + 1;
                }

                continue;
            }

            if (current != section || content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            insertAt = index + 1;
            var equals = content.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && values.TryGetValue(content[..equals].Trim(), out var value))
            {
                var key = content[..equals].Trim();
                seen.Add(key);
                if (content[(equals + 1)..].Trim() != value)
                {
                    lines[index] = ($"{key}={value}", lines[index].Ending);
                }
            }
        }

        var missing = values.Where(v => !seen.Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => ($"{v.Key}={v.Value}", newline)).ToList();
        if (missing.Count > 0)
        {
            if (insertAt < 0)
            {
                if (lines.Count > 0 && lines[^1].Ending.Length == 0 && lines[^1].Content.Length == 0)
                {
                    lines.RemoveAt(lines.Count - 1);
                }

                if (lines.Count > 0 && lines[^1].Ending.Length == 0)
                {
                    lines[^1] = (lines[^1].Content, newline);
                }

                if (lines.Count > 0 && lines[^1].Content.Trim().Length > 0)
                {
                    lines.Add((string.Empty, newline));
                }

                lines.Add(($"[{section}]", newline));
                insertAt = lines.Count;
            }
            else if (lines[insertAt - 1].Ending.Length == 0)
            {
                lines[insertAt - 1] = (lines[insertAt - 1].Content, newline);
            }

            lines.InsertRange(insertAt, missing);
        }

        var result = new StringBuilder(text.Length + 64);
        foreach (var (content, ending) in lines)
        {
            result.Append(content).Append(ending);
        }

        var rewritten = result.ToString();
        return rewritten == text ? text : rewritten;
    }

    // Each line with the terminator it had ("\n", "\r\n" or none for the last), so that unchanged lines go back as they came.
    private static List<(string Content, string Ending)> SplitKeepingEndings(string text)
    {
        var lines = new List<(string, string)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add((text[start..], string.Empty));
                break;
            }

            var crlf = end > start && text[end - 1] == '\r';
            lines.Add((text[start..(crlf ? end - 1 : end)], crlf ? "\r\n" : "\n"));
            start = end + 1;
        }

        return lines;
    }
}
