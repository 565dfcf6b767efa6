using System.Text;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Escaping for the markdown summary. Names and values come from the documents and snapshots under review,
/// so every one is escaped: in table cells, markdown punctuation gets a backslash (CommonMark allows that for
/// any ASCII punctuation; GitHub needs <c>\|</c> inside tables and would read <c>$…$</c> as math); inside HTML
/// (<c>&lt;summary&gt;</c>) the HTML specials become entities. Line breaks never survive: they would end the row.
/// </summary>
internal static class MarkdownText
{
    private static readonly (char Character, string Replacement)[] LineBreaksAsSpaces = [('\r', " "), ('\n', " ")];

    private static readonly CharacterEscapeTable MarkdownEscapes = new(
    [
        .. "\\`*_[]<>|~$&#".Select(static c => (c, "\\" + c)),
        .. LineBreaksAsSpaces,
    ]);

    private static readonly CharacterEscapeTable HtmlEscapes = new(
    [
        ('&', "&amp;"),
        ('<', "&lt;"),
        ('>', "&gt;"),
        ('"', "&quot;"),
        .. LineBreaksAsSpaces,
    ]);

    public static StringBuilder AppendEscaped(StringBuilder text, string value) => MarkdownEscapes.Append(text, value);

    public static StringBuilder AppendHtml(StringBuilder text, string value) => HtmlEscapes.Append(text, value);
}
