namespace DscOffload.Core.Diagnostics;

/// <summary>
/// An expected failure with a message fit for an operator: one line, naming where (when there is
/// a file) and what is allowed. Everything the program reports to a user goes through this type;
/// any other exception is a bug and is reported as <see cref="ErrorKind.Unexpected"/>.
/// </summary>
public class DscOffloadException : Exception
{
    /// <summary>Creates an error of the given kind, optionally tied to a source location.</summary>
    public DscOffloadException(ErrorKind kind, string message, SourceLocation? location = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Location = location;
    }

    /// <summary>The category, which decides the exit code.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Where in a file the problem is, when it comes from a file.</summary>
    public SourceLocation? Location { get; }

    /// <summary>
    /// The message prefixed with <c>file:line:column: </c> when a location is known, on one line, with any other
    /// control character (from an escaped string in the input) shown as <c>\uXXXX</c> so that an error can never
    /// carry terminal escape sequences.
    /// </summary>
    public string OneLine
    {
        get
        {
            var text = Message.ReplaceLineEndings(" ");
            var line = Location is { } at ? $"{at}: {text}" : text;
            return EscapeControls(line);
        }
    }

    private static string EscapeControls(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
