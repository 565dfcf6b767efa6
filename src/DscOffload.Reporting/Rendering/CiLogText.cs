namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Writes free text into a CI log line so that it cannot be taken for a command. GitHub's runner treats
/// <c>::cmd::</c> at the start of a (trimmed) line and its older <c>##[cmd]</c> anywhere in a line as commands,
/// and Azure's agent looks for <c>##vso[</c> anywhere; host and instance names come from files under review,
/// so plain lines always start with a fixed word (never <c>::</c>) and every <c>##</c> is broken up here.
/// </summary>
internal static class CiLogText
{
    /// <summary>The text with every <c>##</c> broken up (<c># #</c>), for command data that is shown to people.</summary>
    public static string Neutralize(string text)
    {
        if (!text.Contains("##", StringComparison.Ordinal))
        {
            return text;
        }

        using var writer = new StringWriter();
        WritePlain(writer, text);
        return writer.ToString();
    }

    public static void WritePlain(TextWriter output, string text)
    {
        if (!text.Contains("##", StringComparison.Ordinal))
        {
            output.Write(text);
            return;
        }

        var previous = '\0';
        foreach (var c in text)
        {
            if (c == '#' && previous == '#')
            {
                output.Write(' ');
            }

            output.Write(c);
            previous = c;
        }
    }
}
