namespace DscOffload.Cli.Rendering;

/// <summary>
/// GitHub Actions output: per host a foldable <c>::group::</c> with one plain line per drifted setting and
/// failure, then workflow-command annotations (<c>::error file=…,line=…,col=…,title=…::…</c>) on the document
/// lines that ask for the settings, so a pull request shows drift where the document is edited. Annotations are
/// grouped per document line and setting across hosts (see <see cref="FleetAnnotation"/>), drift is a warning
/// unless <see cref="DriftRenderOptions.FailOnDrift"/> makes it an error, failures are errors, and at most
/// <see cref="DriftRenderOptions.MaxAnnotationsPerKind"/> of each kind are written (GitHub shows 10 per step);
/// a closing <c>::notice</c> gives the totals and how many annotations were left out.
/// </summary>
public sealed class GitHubAnnotationRenderer : DriftRenderer
{
    private readonly FleetAnnotationSet _annotations = new();

    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public GitHubAnnotationRenderer(TextWriter output, DriftRenderOptions? options = null)
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
            Output.Write(host.Instances.Count == 1 ? " (1 instance)" : $" ({host.Instances.Count} instances)");
            Output.WriteLine();
            return;
        }

        Output.Write("::group::");
        GitHubCommandText.WriteData(Output, CiLogText.Neutralize(string.Concat(DriftValueText.Label(host.Host), ": ", HostStatusText.Describe(host))));
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

        Output.WriteLine("::endgroup::");
    }

    /// <inheritdoc />
    protected override void OnComplete()
    {
        var whatIf = _annotations.IsWhatIf;
        var driftLevel = Options.FailOnDrift ? "error" : "warning";
        int errors = 0, warnings = 0, omitted = _annotations.Dropped;
        foreach (var annotation in _annotations.Sorted())
        {
            var level = annotation.Kind == FleetAnnotationKind.Failure ? "error" : driftLevel;
            ref var written = ref level == "error" ? ref errors : ref warnings;
            if (written >= Options.MaxAnnotationsPerKind)
            {
                omitted++;
                continue;
            }

            written++;
            Output.Write("::");
            Output.Write(level);
            var separator = ' ';
            if (annotation.Location is { } at)
            {
                Output.Write(" file=");
                GitHubCommandText.WriteProperty(Output, at.File);
                Output.Write(",line=");
                Output.Write(at.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Output.Write(",col=");
                Output.Write(at.Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
                separator = ',';
            }

            Output.Write(separator);
            Output.Write("title=");
            GitHubCommandText.WriteProperty(Output, CiLogText.Neutralize(annotation.Title(whatIf)));
            Output.Write("::");
            GitHubCommandText.WriteData(Output, CiLogText.Neutralize(annotation.Message(whatIf)));
            Output.WriteLine();
        }

        Output.Write("::notice title=");
        GitHubCommandText.WriteProperty(Output, "DscOffload drift summary");
        Output.Write("::");
        var summary = "DscOffload: " + Summary + ".";
        if (omitted > 0)
        {
            summary = string.Concat(
                summary,
                " ",
                omitted.ToString(System.Globalization.CultureInfo.InvariantCulture),
                omitted == 1 ? " more annotation was" : " more annotations were",
                " left out (GitHub shows at most ",
                Options.MaxAnnotationsPerKind.ToString(System.Globalization.CultureInfo.InvariantCulture),
                " errors and warnings per step); see ",
                Options.FullReportHint,
                " for every host and setting.");
        }

        GitHubCommandText.WriteData(Output, summary);
        Output.WriteLine();
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
