using System.Globalization;

namespace DscOffload.Cli.Rendering;

/// <summary>
/// Azure Pipelines output: per host a foldable <c>##[group]</c> with one plain line per drifted setting and
/// failure, then <c>##vso[task.logissue …]</c> issues on the document lines that ask for the settings (grouped
/// per line and setting across hosts, with the rule id as <c>code</c>), at most
/// <see cref="DriftRenderOptions.MaxAnnotationsPerKind"/> of each type (the agent keeps 10 per task and only
/// counts the rest), and a closing <c>##vso[task.complete]</c>: <c>Failed</c> when an instance failed or drift
/// must fail (<see cref="DriftRenderOptions.FailOnDrift"/>), <c>SucceededWithIssues</c> for drift alone, and no
/// result at all when every host is in desired state.
/// </summary>
public sealed class AzurePipelinesRenderer : DriftRenderer
{
    private readonly FleetAnnotationSet _annotations = new();

    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public AzurePipelinesRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    /// <inheritdoc />
    protected override void OnHost(HostDriftReport host)
    {
        _annotations.Add(host);
        if (host.IsInDesiredState)
        {
            Output.Write("in desired state: ");
            CiLogText.WritePlain(Output, DriftValueText.Label(host.Host));
            Output.WriteLine(host.Instances.Count == 1 ? " (1 instance)" : $" ({host.Instances.Count} instances)");
            return;
        }

        Output.Write("##[group]");
        CiLogText.WritePlain(Output, string.Concat(DriftValueText.Label(host.Host), ": ", HostStatusText.Describe(host)));
        Output.WriteLine();
        foreach (var instance in host.Instances)
        {
            if (instance.Status == InstanceStatus.Failed)
            {
                Output.Write("error: ");
                CiLogText.WritePlain(Output, string.Concat(DriftValueText.Label(instance.Name), ": ", DriftValueText.Label(instance.Error ?? "failed")));
                WriteAt(instance.Location);
                continue;
            }

            foreach (var item in instance.DriftItems)
            {
                Output.Write(host.Run.IsWhatIf ? "would change: " : "drift: ");
                CiLogText.WritePlain(Output, HostStatusText.Describe(item, withHost: false));
                WriteAt(item.Location);
            }
        }

        foreach (var message in host.Messages)
        {
            if (message.Level is "warning" or "error")
            {
                Output.Write(message.Level);
                Output.Write(": ");
                CiLogText.WritePlain(Output, message.Instance is null ? DriftValueText.Label(message.Text) : string.Concat(DriftValueText.Label(message.Instance), ": ", DriftValueText.Label(message.Text)));
                Output.WriteLine();
            }
        }

        Output.WriteLine("##[endgroup]");
    }

    /// <inheritdoc />
    protected override void OnComplete()
    {
        var whatIf = _annotations.IsWhatIf;
        var driftType = Options.FailOnDrift ? "error" : "warning";
        int errors = 0, warnings = 0, omitted = _annotations.Dropped;
        foreach (var annotation in _annotations.Sorted())
        {
            var type = annotation.Kind == FleetAnnotationKind.Failure ? "error" : driftType;
            ref var written = ref type == "error" ? ref errors : ref warnings;
            if (written >= Options.MaxAnnotationsPerKind)
            {
                omitted++;
                continue;
            }

            written++;
            Output.Write("##vso[task.logissue type=");
            Output.Write(type);
            if (annotation.Location is { } at)
            {
                Output.Write(";sourcepath=");
                AzureCommandText.WriteProperty(Output, at.File);
                Output.Write(";linenumber=");
                Output.Write(at.Line.ToString(CultureInfo.InvariantCulture));
                Output.Write(";columnnumber=");
                Output.Write(at.Column.ToString(CultureInfo.InvariantCulture));
            }

            Output.Write(";code=");
            AzureCommandText.WriteProperty(Output, annotation.RuleId);
            Output.Write(']');
            AzureCommandText.WriteData(Output, CiLogText.Neutralize(annotation.Message(whatIf)));
            Output.WriteLine();
        }

        var summary = "DscOffload: " + Summary + ".";
        if (omitted > 0)
        {
            summary = string.Concat(
                summary,
                " ",
                omitted.ToString(CultureInfo.InvariantCulture),
                omitted == 1 ? " more issue was" : " more issues were",
                " left out (Azure Pipelines keeps at most ",
                Options.MaxAnnotationsPerKind.ToString(CultureInfo.InvariantCulture),
                " errors and warnings per task); see ",
                Options.FullReportHint,
                " for every host and setting.");
        }

        Output.WriteLine(summary);
        var failed = Summary.HasErrors || (Summary.HasDrift && Options.FailOnDrift);
        if (failed || Summary.HasDrift)
        {
            Output.Write("##vso[task.complete result=");
            Output.Write(failed ? "Failed" : "SucceededWithIssues");
            Output.Write(";]");
            AzureCommandText.WriteData(Output, summary);
            Output.WriteLine();
        }
    }

    private void WriteAt(Core.Diagnostics.SourceLocation? location)
    {
        if (location is { } at)
        {
            Output.Write(" at ");
            CiLogText.WritePlain(Output, DriftValueText.Label(at.ToString()));
        }

        Output.WriteLine();
    }
}
