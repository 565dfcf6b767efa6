namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Settings shared by the renderers. The defaults are the limits of the CI systems the formats are for
/// (GitHub shows 10 annotations of each kind per step and at most 1 MiB of step summary; code scanning
/// takes at most 25,000 results per run), so a CLI normally sets only colour, drift policy and version.
/// </summary>
public sealed class DriftRenderOptions
{
    /// <summary>Write ANSI colour (table format). Only when asked: CI logs and files should stay plain.</summary>
    public bool UseColor { get; init; }

    /// <summary>
    /// Drift fails the run (<c>--fail-on-drift</c>): annotations for drift become errors instead of warnings and
    /// Azure's task result becomes <c>Failed</c> instead of <c>SucceededWithIssues</c>.
    /// </summary>
    public bool FailOnDrift { get; init; }

    /// <summary>The dscoffload version written into SARIF and JUnit output.</summary>
    public string ToolVersion { get; init; } = typeof(DriftRenderOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Annotations of each kind (error, warning) to emit before summarising the rest (GitHub and Azure show 10).</summary>
    public int MaxAnnotationsPerKind { get; init; } = 10;

    /// <summary>Upper bound for the whole markdown summary in UTF-8 bytes (GitHub rejects step summaries over 1 MiB).</summary>
    public int MarkdownMaxBytes { get; init; } = 1_000_000;

    /// <summary>Rows of the markdown "settings that would change" table before the rest are counted only.</summary>
    public int MarkdownMaxSettingRows { get; init; } = 100;

    /// <summary>SARIF results to write before the rest are counted only (GitHub code scanning accepts 25,000 per run).</summary>
    public int MaxSarifResults { get; init; } = 25_000;

    /// <summary>Where the annotation formats tell people to look for the full list once they stop annotating.</summary>
    public string FullReportHint { get; init; } = "the job summary (--format markdown) or --format json";
}
