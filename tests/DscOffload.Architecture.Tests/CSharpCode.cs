using System.Text;

namespace DscOffload.Architecture.Tests;

/// <summary>
/// Just enough C# lexing to look for names: comments and string or character literals are blanked, so a
/// namespace mentioned in prose or in a message is not taken for a dependency.
/// </summary>
public static class CSharpCode
{
    /// <summary>The text with comments and literals replaced by spaces (line breaks kept).</summary>
    public static string WithoutCommentsAndLiterals(string text)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            int end;
            if (c == '/' && next == '/')
            {
                end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
            }
            else if (c == '"' || ((c is '@' or '$') && StartsString(text, i)))
            {
                end = EndOfString(text, i);
            }
            else if (c == '\'')
            {
                end = EndOfCharacter(text, i);
            }
            else
            {
                output.Append(c);
                i++;
                continue;
            }

            Blank(output, text, i, end);
            i = end;
        }

        return output.ToString();
    }

    private static bool StartsString(string text, int i)
    {
        var j = i;
        while (j < text.Length && text[j] is '@' or '$')
        {
            j++;
        }

        return j < text.Length && text[j] == '"';
    }

    private static int EndOfString(string text, int start)
    {
        var i = start;
        var verbatim = false;
        while (text[i] is '@' or '$')
        {
            verbatim |= text[i] == '@';
            i++;
        }

        var quotes = 0;
        while (i + quotes < text.Length && text[i + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var close = text.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + quotes;
        }

        i++;
        while (i < text.Length)
        {
            if (!verbatim && text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == '"')
            {
                if (verbatim && i + 1 < text.Length && text[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (!verbatim && text[i] == '\n')
            {
                return i;
            }

            i++;
        }

        return text.Length;
    }

    private static int EndOfCharacter(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && text[i] != '\'' && text[i] != '\n')
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }

    private static void Blank(StringBuilder output, string text, int start, int end)
    {
        for (var k = start; k < end && k < text.Length; k++)
        {
            output.Append(text[k] == '\n' ? '\n' : ' ');
        }
    }
}
