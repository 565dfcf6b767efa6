using DscOffload.Core.Diagnostics;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Maps a <c>--format</c> name to its renderer. Covers the drift report formats; <c>json</c> and <c>yaml</c> are
/// the canonical result itself and are written by the command, not here.
/// </summary>
public static class DriftRendererFactory
{
    /// <summary>The format names this factory creates, in the order help text should list them.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["table", "diff", "markdown", "github", "azure", "junit", "sarif"];

    /// <summary>True when <paramref name="format"/> (case-insensitive) is one of <see cref="Formats"/>.</summary>
    public static bool Supports(string format)
    {
        foreach (var known in Formats)
        {
            if (string.Equals(known, format, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Creates the renderer for <paramref name="format"/> writing to <paramref name="output"/>. An unknown name is
    /// an <see cref="ErrorKind.InvalidArguments"/> error listing the names allowed.
    /// </summary>
    public static IDriftRenderer Create(string format, TextWriter output, DriftRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.ToLowerInvariant() switch
        {
            "table" => new TableDriftRenderer(output, options),
            "diff" => new UnifiedDiffRenderer(output, options),
            "markdown" => new MarkdownSummaryRenderer(output, options),
            "github" => new GitHubAnnotationRenderer(output, options),
            "azure" => new AzurePipelinesRenderer(output, options),
            "junit" => new JUnitRenderer(output, options),
            "sarif" => new SarifRenderer(output, options),
            _ => throw new DscOffloadException(
                ErrorKind.InvalidArguments,
                $"unknown drift report format '{format}'; allowed: {string.Join(", ", Formats)}"),
        };
    }
}
