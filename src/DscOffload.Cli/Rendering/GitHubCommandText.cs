namespace DscOffload.Cli.Rendering;

/// <summary>
/// Escaping for GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>): in the message
/// (data) <c>%</c>, CR and LF are percent-encoded; in property values also <c>:</c> and <c>,</c>, which would
/// otherwise end the value. Mirrors what the runner decodes, so the annotation shows the original text.
/// </summary>
internal static class GitHubCommandText
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
                '%' => "%25",
                '\r' => "%0D",
                '\n' => "%0A",
                ':' when property => "%3A",
                ',' when property => "%2C",
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
