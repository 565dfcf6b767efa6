namespace DscOffload.Cli.Rendering;

/// <summary>
/// Escaping for Azure Pipelines logging commands (<c>##vso[area.action key=value;…]message</c>): in the message
/// <c>%</c>, CR and LF are encoded; in property values also <c>;</c> (ends a property) and <c>]</c> (ends the
/// property list). Azure encodes <c>%</c> as <c>%AZP25</c>, which is what its agent decodes.
/// </summary>
internal static class AzureCommandText
{
    public static void WriteData(TextWriter output, string text) => Write(output, text, property: false);

    public static void WriteProperty(TextWriter output, string text) => Write(output, text, property: true);

    public static string EscapeData(string text)
    {
        using var writer = new StringWriter();
        Write(writer, text, property: false);
        return writer.ToString();
    }

    public static string EscapeProperty(string text)
    {
        using var writer = new StringWriter();
        Write(writer, text, property: true);
        return writer.ToString();
    }

    private static void Write(TextWriter output, string text, bool property)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var escaped = text[i] switch
            {
                '%' => "%AZP25",
                '\r' => "%0D",
                '\n' => "%0A",
                ';' when property => "%3B",
                ']' when property => "%5D",
                _ => null,
            };
            if (escaped is null)
            {
                continue;
            }

            output.Write(text.AsSpan(start, i - start));
            output.Write(escaped);
            start = i + 1;
        }

        output.Write(text.AsSpan(start));
    }
}
