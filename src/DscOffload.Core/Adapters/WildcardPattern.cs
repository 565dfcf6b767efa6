namespace DscOffload.Core.Adapters;

/// <summary>
/// Shell-style wildcard matching (<c>*</c> any run, <c>?</c> one character) as Windows cmdlets and
/// ethtool users expect for adapter names. Hand-written so start-up pays no Regex construction.
/// </summary>
internal static class WildcardPattern
{
    /// <summary>True if <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool Matches(string pattern, string text, bool ignoreCase)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                // Backtrack: let the last star swallow one more character.
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>True if the pattern contains a wildcard character.</summary>
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
