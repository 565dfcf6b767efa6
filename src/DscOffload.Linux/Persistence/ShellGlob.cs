namespace DscOffload.Linux.Persistence;

/// <summary>
/// fnmatch(3) patterns without flags, as systemd uses them for <c>[Match]</c> lists: <c>*</c>, <c>?</c>, <c>[...]</c>
/// (with <c>!</c> or <c>^</c> negation and ranges) and <c>\</c> escapes.
/// </summary>
internal static class ShellGlob
{
    /// <summary>True when <paramref name="text"/> fits <paramref name="pattern"/> entirely.</summary>
    public static bool Matches(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        return Match(pattern, 0, text, 0);
    }

    private static bool Match(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var rest = t; rest <= text.Length; rest++)
                    {
                        if (Match(pattern, p + 1, text, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (t >= text.Length)
                    {
                        return false;
                    }

                    p++;
                    t++;
                    break;
                case '[' when ClassEnd(pattern, p) is var end and > 0:
                    if (t >= text.Length || !InClass(pattern, p + 1, end, text[t]))
                    {
                        return false;
                    }

                    p = end + 1;
                    t++;
                    break;
                case '\\' when p + 1 < pattern.Length:
                    if (t >= text.Length || text[t] != pattern[p + 1])
                    {
                        return false;
                    }

                    p += 2;
                    t++;
                    break;
                default:
                    if (t >= text.Length || text[t] != pattern[p])
                    {
                        return false;
                    }

                    p++;
                    t++;
                    break;
            }
        }

        return t == text.Length;
    }

    // The index of the ']' closing the class opened at start, or -1 when it is not closed (then '[' is literal).
    private static int ClassEnd(string pattern, int start)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        var end = pattern.IndexOf(']', i);
        return end;
    }

    private static bool InClass(string pattern, int from, int end, char c)
    {
        var negate = pattern[from] is '!' or '^';
        var i = negate ? from + 1 : from;
        var found = false;
        while (i < end)
        {
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                found |= c >= pattern[i] && c <= pattern[i + 2];
                i += 3;
            }
            else
            {
                found |= c == pattern[i];
                i++;
            }
        }

        return found != negate;
    }
}
