using System.Buffers;
using System.Globalization;
using System.Text;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// The one escaping routine of the text formats: a fixed table from ASCII characters to what stands for them
/// in an output syntax (CI command percent-encoding, markdown backslashes, HTML entities). Every format that
/// escapes differs only in its table, so the copying loop is written once; text between escaped characters is
/// written as whole spans.
/// </summary>
internal sealed class CharacterEscapeTable
{
    private readonly string?[] _replacements = new string?[128];
    private readonly SearchValues<char> _escaped;

    /// <summary>Creates the table; every character must be ASCII (all the syntaxes escape only ASCII).</summary>
    public CharacterEscapeTable(IEnumerable<(char Character, string Replacement)> entries)
    {
        var characters = new List<char>();
        foreach (var (character, replacement) in entries)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(character, (char)_replacements.Length);
            _replacements[character] = replacement;
            characters.Add(character);
        }

        _escaped = SearchValues.Create(characters.ToArray());
    }

    /// <summary>Writes <paramref name="text"/> with every character of the table replaced.</summary>
    public void Write(TextWriter output, string text)
    {
        var rest = text.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(_escaped)) >= 0)
        {
            output.Write(rest[..next]);
            output.Write(_replacements[rest[next]]);
            rest = rest[(next + 1)..];
        }

        output.Write(rest);
    }

    /// <summary>Appends <paramref name="value"/> escaped to <paramref name="text"/> and returns it, for chaining.</summary>
    public StringBuilder Append(StringBuilder text, string value)
    {
        using var writer = new StringWriter(text, CultureInfo.InvariantCulture);
        Write(writer, value);
        return text;
    }

    /// <summary>The escaped form of <paramref name="text"/>.</summary>
    public string Escape(string text) => Append(new StringBuilder(text.Length), text).ToString();
}
