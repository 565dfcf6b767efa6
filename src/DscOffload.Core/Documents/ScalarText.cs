namespace DscOffload.Core.Documents;

/// <summary>
/// A character-level rule for input text that the YAML and JSON specifications set and that the parsers do not
/// both enforce: no raw control characters (YAML 1.2 allows only tab, line feed, carriage return and NEL among
/// them; JSON allows them only escaped). Rejecting them keeps terminal escape sequences out of names, results
/// and messages. (Unpaired surrogates need no rule here: YamlDotNet rejects them and Newtonsoft.Json replaces
/// them with U+FFFD.)
/// </summary>
internal static class ScalarText
{
    /// <summary>The index of the first raw C0 control (except tab, LF, CR), DEL or C1 control (except NEL), or -1.</summary>
    public static int IndexOfForbiddenControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < ' ' && c is not '\t' and not '\n' and not '\r') || c == '\u007F' || (c is >= '\u0080' and <= '\u009F' && c != '\u0085'))
            {
                return i;
            }
        }

        return -1;
    }
}
