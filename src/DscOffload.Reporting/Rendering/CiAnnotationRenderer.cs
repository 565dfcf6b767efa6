using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// What the CI log formats (GitHub Actions, Azure Pipelines) share: per host a foldable group with one plain
/// line per drifted setting, failure and warning or error message (a host in desired state gets one line, and one
/// per warning or error message it has), then
/// annotations on the document lines that ask for the settings, grouped per line and setting across hosts
/// (see <see cref="FleetAnnotation"/>), drift as warnings unless <see cref="DriftRenderOptions.FailOnDrift"/>
/// makes it an error, failures as errors, at most <see cref="DriftRenderOptions.MaxAnnotationsPerKind"/> of each
/// level, and a closing summary that says how many were left out. A dialect supplies only its command syntax:
/// the group markers, one annotation command, the closing summary and how the CI system names its limit.
/// </summary>
internal abstract class CiAnnotationRenderer : DriftRenderer
{
    private readonly FleetAnnotationSet _annotations = new();

    private protected CiAnnotationRenderer(TextWriter output, DriftRenderOptions? options)
        : base(output, options)
    {
    }

    /// <summary>The escaping of the dialect's commands.</summary>
    private protected abstract CiCommandEscaping CommandEscaping { get; }

    /// <summary>The line that closes a group opened by <see cref="WriteGroupStart"/>.</summary>
    private protected abstract string GroupEnd { get; }

    /// <summary>What the CI system calls an annotation (singular), for the summary of those left out.</summary>
    private protected abstract string AnnotationNoun { get; }

    /// <inheritdoc />
    protected sealed override void OnHost(HostDriftReport host)
    {
        _annotations.Add(host);
        if (host.IsInDesiredState)
        {
            Output.Write("in desired state: ");
            CiLogText.WritePlain(Output, DriftValueText.Label(host.Host));
            Output.WriteLine(host.Instances.Count == 1 ? " (1 instance)" : $" ({host.Instances.Count} instances)");
            WriteMessages(host);
            return;
        }

        WriteGroupStart(string.Concat(DriftValueText.Label(host.Host), ": ", HostStatusText.Describe(host)));
        Output.WriteLine();
        foreach (var instance in host.Instances)
        {
            if (instance.Status == InstanceStatus.Failed)
            {
                Output.Write("error: ");
                CiLogText.WritePlain(Output, string.Concat(DriftValueText.Label(instance.Name), ": ", DriftValueText.Message(instance.Error ?? "failed")));
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

        WriteMessages(host);
        Output.WriteLine(GroupEnd);
    }

    /// <summary>One plain line per warning or error message of the host (a host in desired state can have warnings too).</summary>
    private void WriteMessages(HostDriftReport host)
    {
        foreach (var message in host.Messages)
        {
            if (message.Level is "warning" or "error")
            {
                Output.Write(message.Level);
                Output.Write(": ");
                CiLogText.WritePlain(Output, message.Instance is null ? DriftValueText.Message(message.Text) : string.Concat(DriftValueText.Label(message.Instance), ": ", DriftValueText.Message(message.Text)));
                Output.WriteLine();
            }
        }
    }

    /// <inheritdoc />
    protected sealed override void OnComplete()
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
            WriteAnnotation(annotation, level, whatIf);
            Output.WriteLine();
        }

        var summary = "DscOffload: " + Summary + ".";
        if (omitted > 0)
        {
            summary = string.Concat(
                summary,
                " ",
                omitted.ToString(CultureInfo.InvariantCulture),
                omitted == 1 ? $" more {AnnotationNoun} was" : $" more {AnnotationNoun}s were",
                " left out (",
                DescribeAnnotationLimit(Options.MaxAnnotationsPerKind.ToString(CultureInfo.InvariantCulture)),
                "); see ",
                Options.FullReportHint,
                " for every host and setting.");
        }

        WriteSummary(summary);
    }

    /// <summary>Writes the command that opens a foldable group titled <paramref name="title"/>, without the line break.</summary>
    private protected abstract void WriteGroupStart(string title);

    /// <summary>
    /// Writes one annotation command of <paramref name="level"/> (<c>error</c> or <c>warning</c>) without the line
    /// break; <paramref name="whatIf"/> makes the text say "would change".
    /// </summary>
    private protected abstract void WriteAnnotation(FleetAnnotation annotation, string level, bool whatIf);

    /// <summary>How many annotations the CI system shows, e.g. <c>GitHub shows at most 10 errors and warnings per step</c>.</summary>
    private protected abstract string DescribeAnnotationLimit(string maxPerKind);

    /// <summary>Writes the closing summary line(s), <paramref name="summary"/> being the totals and what was left out.</summary>
    private protected abstract void WriteSummary(string summary);

    /// <summary>
    /// Writes the file, line and column properties of an annotation command, each name given with the separator
    /// that precedes it in the dialect (e.g. <c>,line=</c>).
    /// </summary>
    private protected void WriteLocationProperties(SourceLocation at, string fileProperty, string lineProperty, string columnProperty)
    {
        Output.Write(fileProperty);
        CommandEscaping.WriteProperty(Output, at.File);
        Output.Write(lineProperty);
        Output.Write(at.Line.ToString(CultureInfo.InvariantCulture));
        Output.Write(columnProperty);
        Output.Write(at.Column.ToString(CultureInfo.InvariantCulture));
    }

    private void WriteAt(SourceLocation? location)
    {
        if (location is { } at)
        {
            Output.Write(" at ");
            CiLogText.WritePlain(Output, DriftValueText.Label(at.ToString()));
        }

        Output.WriteLine();
    }
}
