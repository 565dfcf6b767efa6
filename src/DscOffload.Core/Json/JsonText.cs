using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Json;

/// <summary>Compact and indented JSON text of JTokens, as the protocol and the CLI print them.</summary>
internal static class JsonText
{
    /// <summary>One line, no spaces: what dsc reads from a resource. Newtonsoft's text, written without its writer where possible.</summary>
    public static string Compact(JToken token) => CompactJsonWriter.TryWrite(token) ?? token.ToString(Formatting.None);

    /// <summary>Indented for people.</summary>
    public static string Indented(JToken token) => token.ToString(Formatting.Indented);
}
