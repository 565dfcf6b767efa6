using System.Text;

namespace DscOffload.Cli.Rendering;

/// <summary>
/// Escaping for the markdown summary. Names and values come from the documents and snapshots under review,
/// so every one is escaped: in table cells, markdown punctuation gets a backslash (CommonMark allows that for
/// any ASCII punctuation; GitHub needs <c>\|</c> inside tables and would read <c>$…$</c> as math); inside HTML
/// (<c>&lt;summary&gt;</c>) the HTML specials become entities. Line breaks never survive: they would end the row.
/// </summary>
internal static class MarkdownText
{
    public static StringBuilder AppendEscaped(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '$' or '&' or '#':
                    text.Append('\\').Append(c);
                    break;
                case '\r' or '\n':
                    text.Append(' ');
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text;
    }

    public static StringBuilder AppendHtml(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '&':
                    text.Append("&amp;");
                    break;
                case '<':
                    text.Append("&lt;");
                    break;
                case '>':
                    text.Append("&gt;");
                    break;
                case '"':
                    text.Append("&quot;");
                    break;
                case '\r' or '\n':
                    text.Append(' ');
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text;
    }
}
