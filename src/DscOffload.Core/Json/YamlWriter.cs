using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DscOffload.Core.Json;

/// <summary>Writes JTokens as YAML with the representation model (no reflection serializer).</summary>
internal static class YamlWriter
{
    /// <summary>Writes <paramref name="token"/> as one YAML document.</summary>
    public static void Write(JToken token, TextWriter writer)
    {
        var stream = new YamlStream(new YamlDocument(ToNode(token)));
        stream.Save(writer, assignAnchors: false);
    }

    private static YamlNode ToNode(JToken token)
    {
        switch (token)
        {
            case JObject o:
                var map = new YamlMappingNode();
                foreach (var p in o.Properties())
                {
                    map.Add(Scalar(p.Name), ToNode(p.Value));
                }

                return map;
            case JArray a:
                var seq = new YamlSequenceNode();
                foreach (var item in a)
                {
                    seq.Add(ToNode(item));
                }

                return seq;
            case JValue v:
                return v.Type switch
                {
                    JTokenType.Null or JTokenType.Undefined => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
                    JTokenType.Boolean => new YamlScalarNode(v.Value<bool>() ? "true" : "false") { Style = ScalarStyle.Plain },
                    JTokenType.Integer or JTokenType.Float => new YamlScalarNode(Convert.ToString(v.Value, CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain },
                    _ => Scalar(v.ToString(CultureInfo.InvariantCulture)),
                };
            default:
                return Scalar(token.ToString());
        }
    }

    private static YamlScalarNode Scalar(string text) =>
        new(text) { Style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain };

    private static bool NeedsQuotes(string s)
    {
        if (s.Length == 0 || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]))
        {
            return true;
        }

        switch (s.ToLowerInvariant())
        {
            case "true" or "false" or "null" or "~" or "yes" or "no" or "on" or "off":
                return true;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return "-?:,[]{}#&*!|>'\"%@`".Contains(s[0], StringComparison.Ordinal) || s.Contains(": ", StringComparison.Ordinal)
            || s.Contains(" #", StringComparison.Ordinal) || s.AsSpan().IndexOfAny('\n', '\r', '\t') >= 0;
    }
}
