using System.Buffers;

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
    // C0 controls other than tab, line feed and carriage return, DEL, and C1 controls other than NEL (U+0085);
    // searched vectorised because every snapshot of a fleet run goes through it.
    private static readonly SearchValues<char> ForbiddenControls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u0080\u0081\u0082\u0083\u0084\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F");

    /// <summary>The index of the first raw C0 control (except tab, LF, CR), DEL or C1 control (except NEL), or -1.</summary>
    public static int IndexOfForbiddenControl(string text) => text.AsSpan().IndexOfAny(ForbiddenControls);
}
