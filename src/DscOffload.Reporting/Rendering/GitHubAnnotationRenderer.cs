namespace DscOffload.Reporting.Rendering;

/// <summary>
/// GitHub Actions output: per host a foldable <c>::group::</c> with one plain line per drifted setting and
/// failure, then workflow-command annotations (<c>::error file=…,line=…,col=…,title=…::…</c>) on the document
/// lines that ask for the settings, so a pull request shows drift where the document is edited. Annotations are
/// grouped per document line and setting across hosts (see <see cref="FleetAnnotation"/>), drift is a warning
/// unless <see cref="DriftRenderOptions.FailOnDrift"/> makes it an error, failures are errors, and at most
/// <see cref="DriftRenderOptions.MaxAnnotationsPerKind"/> of each kind are written (GitHub shows 10 per step);
/// a closing <c>::notice</c> gives the totals and how many annotations were left out.
/// </summary>
internal sealed class GitHubAnnotationRenderer : CiAnnotationRenderer
{
    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public GitHubAnnotationRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    private protected override CiCommandEscaping CommandEscaping => CiCommandEscaping.GitHubActions;

    private protected override string GroupEnd => "::endgroup::";

    private protected override string AnnotationNoun => "annotation";

    private protected override void WriteGroupStart(string title)
    {
        Output.Write("::group::");
        CommandEscaping.WriteData(Output, CiLogText.Neutralize(title));
    }

    private protected override void WriteAnnotation(FleetAnnotation annotation, string level, bool whatIf)
    {
        Output.Write("::");
        Output.Write(level);
        var separator = ' ';
        if (annotation.Location is { } at)
        {
            WriteLocationProperties(at, " file=", ",line=", ",col=");
            separator = ',';
        }

        Output.Write(separator);
        Output.Write("title=");
        CommandEscaping.WriteProperty(Output, CiLogText.Neutralize(annotation.Title(whatIf)));
        Output.Write("::");
        CommandEscaping.WriteData(Output, CiLogText.Neutralize(annotation.Message(whatIf)));
    }

    private protected override string DescribeAnnotationLimit(string maxPerKind) =>
        string.Concat("GitHub shows at most ", maxPerKind, " errors and warnings per step");

    private protected override void WriteSummary(string summary)
    {
        Output.Write("::notice title=");
        CommandEscaping.WriteProperty(Output, "DscOffload drift summary");
        Output.Write("::");
        CommandEscaping.WriteData(Output, summary);
        Output.WriteLine();
    }
}
