using System.Text;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Json;

/// <summary>
/// Wording shared by every layer that rejects a JSON value: the documents, the expression language and the
/// schemas all name a value's type and list names the same way, without depending on each other.
/// </summary>
internal static class JsonValueText
{
    /// <summary>A short description of a value's JSON type for messages ("a string", "an integer", …).</summary>
    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "a mapping/object",
        JTokenType.Array => "a sequence/array",
        JTokenType.String => "a string",
        JTokenType.Integer => "an integer",
        JTokenType.Float => "a number with a fraction",
        JTokenType.Boolean => "a boolean",
        JTokenType.Null => "null",
        _ => token.Type.ToString(),
    };

    /// <summary>Names for a "defined: …" list; at most <paramref name="max"/> shown.</summary>
    public static string NameList(IEnumerable<string> names, int max = 20)
    {
        var text = new StringBuilder();
        var shown = 0;
        foreach (var name in names)
        {
            if (shown == max)
            {
                text.Append(", …");
                break;
            }

            if (shown++ > 0)
            {
                text.Append(", ");
            }

            text.Append(name);
        }

        return shown == 0 ? "(none)" : text.ToString();
    }
}
