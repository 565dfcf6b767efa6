using System.Numerics;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// Builds a located <see cref="JToken"/> tree from JSON text with Newtonsoft's streaming reader.
/// The reader reports where a token ends; the start of each token is found by skipping separators
/// from the end of the previous one, so every node is located at its first character. Unlocated
/// (<see cref="BuildUnlocated"/>), it skips that work: the same tree and the same checks, without locations, for
/// input that is read by the thousand and whose locations are only needed when something is wrong with it.
/// </summary>
internal sealed class JsonTokenBuilder
{
    private readonly string text;
    private readonly string file;
    private readonly TextLineMap? lines;
    private readonly List<JContainer> open = new();
    private JToken? root;
    private string pendingName = string.Empty;
    private SourceLocation pendingNameAt;
    private int nodes;

    private JsonTokenBuilder(string text, string file, bool located)
    {
        this.text = text;
        this.file = file;
        lines = located ? new TextLineMap(text, file) : null;
    }

    public static JToken Build(string text, string file) => new JsonTokenBuilder(text, file, located: true).Run();

    /// <summary>
    /// Builds the tree without locations. Any problem is still an error, but one without a location: parse again with
    /// <see cref="Build"/> to report it (it finds the same problem, and says where).
    /// </summary>
    public static JToken BuildUnlocated(string text, string file) => new JsonTokenBuilder(text, file, located: false).Run();

    private JToken Run()
    {
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = null,
            SupportMultipleContent = false,
        };

        var scanFrom = 0;
        try
        {
            while (reader.Read())
            {
                var start = 0;
                if (lines is not null)
                {
                    start = SkipSeparators(scanFrom);
                    scanFrom = lines.OffsetOf(reader.LineNumber, reader.LinePosition);
                }

                if (reader.TokenType != JsonToken.Comment)
                {
                    Accept(reader, start);
                }
            }
        }
        catch (JsonReaderException e)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                "invalid JSON: " + Rephrase(e.Message),
                new SourceLocation(file, Math.Max(e.LineNumber, 1), e.LinePosition + 1),
                e);
        }

        if (open.Count > 0 || root is null)
        {
            var missing = open.Count > 0 && open[^1] is JArray ? "']'" : "'}'";
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"invalid JSON: the text ends before the value is complete ({missing} expected)",
                lines?.LocationOf(text.Length));
        }

        return root;
    }

    private void Accept(JsonTextReader reader, int start)
    {
        var at = lines?.LocationOf(start) ?? default;
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                Open(new JObject(), at);
                break;
            case JsonToken.StartArray:
                Open(new JArray(), at);
                break;
            case JsonToken.EndObject:
            case JsonToken.EndArray:
                open.RemoveAt(open.Count - 1);
                break;
            case JsonToken.PropertyName:
                var name = (string)reader.Value!;
                CheckLength(name, at);
                if (((JObject)open[^1]).ContainsKey(name))
                {
                    throw new DscOffloadException(ErrorKind.InvalidInput, $"duplicate key '{name}'", at);
                }

                pendingName = name;
                pendingNameAt = at;
                break;
            case JsonToken.String:
                var value = (string)reader.Value!;
                CheckLength(value, at);
                Attach(new JValue(value), at);
                break;
            case JsonToken.Integer:
                if (reader.Value is BigInteger)
                {
                    throw new DscOffloadException(
                        ErrorKind.InvalidInput,
                        $"number too large: {NumberTextAt(start)} does not fit in a 64-bit integer",
                        at);
                }

                Attach(new JValue(Convert.ToInt64(reader.Value, System.Globalization.CultureInfo.InvariantCulture)), at);
                break;
            case JsonToken.Float:
                var number = Convert.ToDouble(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw new DscOffloadException(ErrorKind.InvalidInput, $"'{number}' is not a finite number and cannot be represented in JSON", at);
                }

                Attach(new JValue(number), at);
                break;
            case JsonToken.Boolean:
                Attach(new JValue((bool)reader.Value!), at);
                break;
            case JsonToken.Null:
                Attach(JValue.CreateNull(), at);
                break;
            default:
                throw new DscOffloadException(ErrorKind.InvalidInput, $"invalid JSON: unexpected {reader.TokenType} token", at);
        }
    }

    private void Open(JContainer container, SourceLocation at)
    {
        if (open.Count >= InputLimits.MaxNestingDepth)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"nesting is deeper than {InputLimits.MaxNestingDepth} levels (InputLimits.MaxNestingDepth)",
                at);
        }

        Attach(container, at);
        open.Add(container);
    }

    private void Attach(JToken token, SourceLocation at)
    {
        if (++nodes > InputLimits.MaxNodes)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"the document has more than {InputLimits.MaxNodes} nodes (InputLimits.MaxNodes)",
                at);
        }

        if (lines is not null)
        {
            token.At(at);
        }

        if (open.Count == 0)
        {
            root = token;
        }
        else if (open[^1] is JObject obj)
        {
            var property = new JProperty(pendingName, token);
            obj.Add(lines is null ? property : property.At(pendingNameAt));
        }
        else
        {
            open[^1].Add(token);
        }
    }

    private static void CheckLength(string value, SourceLocation at)
    {
        if (value.Length > InputLimits.MaxScalarLength)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"a string is longer than {InputLimits.MaxScalarLength} characters (InputLimits.MaxScalarLength)",
                at);
        }
    }

    private string NumberTextAt(int start)
    {
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '-' or '+' or '.' or 'e' or 'E'))
        {
            end++;
        }

        return text[start..end];
    }

    /// <summary>Skips blanks, separators and comments from <paramref name="i"/> to the next token.</summary>
    private int SkipSeparators(int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n' or ',' or ':')
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.AsSpan(i).IndexOfAny('\r', '\n');
                i = end < 0 ? text.Length : i + end;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>Keeps Newtonsoft's own wording but drops its path/position suffix (we give a location).</summary>
    private static string Rephrase(string message)
    {
        var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(", line ", StringComparison.Ordinal);
        }

        var core = cut >= 0 ? message[..cut] : message;
        core = StructuredTextParser.OneLine(core);
        return core.Length > 0 ? char.ToLowerInvariant(core[0]) + core[1..] : core;
    }
}
