using System.Text;

namespace DscOffload.Core.Adapters;

/// <summary>
/// Shell-style wildcard matching (<c>*</c> any run, <c>?</c> one character) as Windows cmdlets and
/// ethtool users expect for adapter names. A backtick makes the next character literal, as in PowerShell's
/// <c>-like</c> (<c>Ethernet`*</c> matches only the adapter named <c>Ethernet*</c>), because adapter names may
/// themselves contain <c>*</c> or <c>?</c>. Hand-written so start-up pays no Regex construction.
/// </summary>
internal static class WildcardPattern
{
    /// <summary>The escape character: the character after it matches only itself.</summary>
    public const char EscapeCharacter = '`';

    /// <summary>True if <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool Matches(string pattern, string text, bool ignoreCase)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            var escaped = p < pattern.Length && IsEscape(pattern, p);
            var step = escaped ? 2 : 1;
            if (p < pattern.Length && !escaped && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && ((!escaped && pattern[p] == '?') || Same(pattern[p + step - 1], text[t], ignoreCase)))
            {
                p += step;
                t++;
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

    /// <summary>True if the pattern contains a wildcard character that is not escaped.</summary>
    public static bool HasWildcards(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (IsEscape(pattern, i))
            {
                i++;
            }
            else if (pattern[i] is '*' or '?')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The pattern that matches exactly <paramref name="literal"/>: a backtick before <c>*</c>, <c>?</c>, the backtick
    /// and (as PowerShell's <c>WildcardPattern.Escape</c> does, so the result means the same to <c>-like</c>) <c>[</c>
    /// and <c>]</c>. Exports write adapter names through it, so an adapter named <c>Ethernet*</c> selects only itself.
    /// </summary>
    public static string Escape(string literal)
    {
        if (literal.AsSpan().IndexOfAny("*?`[]") < 0)
        {
            return literal;
        }

        var text = new StringBuilder(literal.Length + 4);
        foreach (var c in literal)
        {
            if (c is '*' or '?' or EscapeCharacter or '[' or ']')
            {
                text.Append(EscapeCharacter);
            }

            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>
    /// The literal that an escaped name stands for (the inverse of <see cref="Escape"/>): recorded hosts read adapter
    /// names from exported instances, whose <c>name</c> is written escaped.
    /// </summary>
    public static string Unescape(string pattern)
    {
        if (pattern.IndexOf(EscapeCharacter, StringComparison.Ordinal) < 0)
        {
            return pattern;
        }

        var text = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (IsEscape(pattern, i))
            {
                i++;
            }

            text.Append(pattern[i]);
        }

        return text.ToString();
    }

    // A backtick escapes the next character; a backtick at the very end has nothing to escape and is literal.
    private static bool IsEscape(string pattern, int index) => pattern[index] == EscapeCharacter && index + 1 < pattern.Length;

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
