using System.Text;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Turns a document path as given on the command line into a SARIF <c>artifactLocation.uri</c>: relative paths
/// stay relative (code scanning resolves them against the repository root), separators become <c>/</c>, and
/// each segment is percent-encoded so spaces and <c>%</c> still make a valid URI reference. Rooted paths become
/// <c>file:</c> URIs.
/// </summary>
internal static class SarifUri
{
    public static string FromPath(string path)
    {
        var normalized = path.Replace('\\', '/');
        var text = new StringBuilder(normalized.Length + 16);
        var rest = normalized.AsSpan();
        if (rest.Length >= 2 && char.IsAsciiLetter(rest[0]) && rest[1] == ':')
        {
            text.Append("file:///").Append(rest[0]).Append(':');
            rest = rest[2..];
        }
        else if (rest.StartsWith("//"))
        {
            text.Append("file:");
        }
        else if (rest.Length > 0 && rest[0] == '/')
        {
            text.Append("file://");
        }

        var first = true;
        foreach (var range in rest.Split('/'))
        {
            if (!first)
            {
                text.Append('/');
            }

            first = false;
            text.Append(Uri.EscapeDataString(rest[range].ToString()));
        }

        return text.ToString();
    }
}
