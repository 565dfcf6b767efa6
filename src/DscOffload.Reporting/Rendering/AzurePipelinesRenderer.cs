namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Azure Pipelines output: per host a foldable <c>##[group]</c> with one plain line per drifted setting and
/// failure, then <c>##vso[task.logissue …]</c> issues on the document lines that ask for the settings (grouped
/// per line and setting across hosts, with the rule id as <c>code</c>), at most
/// <see cref="DriftRenderOptions.MaxAnnotationsPerKind"/> of each type (the agent keeps 10 per task and only
/// counts the rest), and a closing <c>##vso[task.complete]</c>: <c>Failed</c> when an instance failed or drift
/// must fail (<see cref="DriftRenderOptions.FailOnDrift"/>), <c>SucceededWithIssues</c> for drift alone, and no
/// result at all when every host is in desired state.
/// </summary>
internal sealed class AzurePipelinesRenderer : CiAnnotationRenderer
{
    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public AzurePipelinesRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    private protected override CiCommandEscaping CommandEscaping => CiCommandEscaping.AzurePipelines;

    private protected override string GroupEnd => "##[endgroup]";

    private protected override string AnnotationNoun => "issue";

    private protected override void WriteGroupStart(string title)
    {
        Output.Write("##[group]");
        CiLogText.WritePlain(Output, title);
    }

    private protected override void WriteAnnotation(FleetAnnotation annotation, string level, bool whatIf)
    {
        Output.Write("##vso[task.logissue type=");
        Output.Write(level);
        if (annotation.Location is { } at)
        {
            WriteLocationProperties(at, ";sourcepath=", ";linenumber=", ";columnnumber=");
        }

        Output.Write(";code=");
        CommandEscaping.WriteProperty(Output, annotation.RuleId);
        Output.Write(']');
        CommandEscaping.WriteData(Output, CiLogText.Neutralize(annotation.Message(whatIf)));
    }

    private protected override string DescribeAnnotationLimit(string maxPerKind) =>
        string.Concat("Azure Pipelines keeps at most ", maxPerKind, " errors and warnings per task");

    private protected override void WriteSummary(string summary)
    {
        Output.WriteLine(summary);
        var failed = Summary.HasErrors || (Summary.HasDrift && Options.FailOnDrift);
        if (failed || Summary.HasDrift)
        {
            Output.Write("##vso[task.complete result=");
            Output.Write(failed ? "Failed" : "SucceededWithIssues");
            Output.Write(";]");
            CommandEscaping.WriteData(Output, summary);
            Output.WriteLine();
        }
    }
}
