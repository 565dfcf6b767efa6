using System.Globalization;
using System.Text;
using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// A summary for <c>$GITHUB_STEP_SUMMARY</c> or Azure's <c>task.uploadsummary</c>: the counts first, then one
/// table row per document line and setting that differs across the fleet (with how many hosts), the failed
/// instances, and per host a folded <c>&lt;details&gt;</c> block with its settings. The whole text stays under
/// <see cref="DriftRenderOptions.MarkdownMaxBytes"/> (GitHub rejects summaries over 1 MiB) however large the
/// fleet: host details are kept only while they fit, the rest are counted and the summary says how many were
/// left out. Written at <see cref="IDriftRenderer.Complete"/>, because the counts come first.
/// </summary>
internal sealed class MarkdownSummaryRenderer : DriftRenderer
{
    private const int MaxDocumentsNamed = 5;
    private const int FooterReserveBytes = 1024;

    private readonly FleetAnnotationSet _settings = new();
    private readonly List<string> _hostDetails = [];
    private readonly List<int> _hostDetailBytes = [];
    private readonly List<string> _documents = [];
    private readonly StringBuilder _scratch = new(1024);
    private long _detailBytes;
    private int _hostsNotDetailed;
    private bool _detailsFull;

    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public MarkdownSummaryRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    /// <inheritdoc />
    protected override void OnHost(HostDriftReport host)
    {
        _settings.Add(host);
        if (host.Run.Document is { } document && _documents.Count < MaxDocumentsNamed && !_documents.Contains(document))
        {
            _documents.Add(document);
        }

        // A host in desired state is detailed only for its warnings (a setting requested on that Windows reports not in effect).
        if (host.IsInDesiredState && !host.Messages.Any(m => m.Level is "warning" or "error"))
        {
            return;
        }

        if (_detailsFull)
        {
            _hostsNotDetailed++;
            return;
        }

        var chunk = HostDetails(host);
        var bytes = Encoding.UTF8.GetByteCount(chunk);
        if (_detailBytes + bytes > Options.MarkdownMaxBytes)
        {
            _detailsFull = true;
            _hostsNotDetailed++;
            return;
        }

        _hostDetails.Add(chunk);
        _hostDetailBytes.Add(bytes);
        _detailBytes += bytes;
    }

    /// <inheritdoc />
    protected override void OnComplete()
    {
        var head = Head();
        var nl = Output.NewLine;
        var budget = Options.MarkdownMaxBytes - Encoding.UTF8.GetByteCount(head) - FooterReserveBytes;

        // The head is bounded; drop host details from the end until head + details + footer fit.
        while (_hostDetails.Count > 0 && _detailBytes > budget)
        {
            _detailBytes -= _hostDetailBytes[^1];
            _hostDetailBytes.RemoveAt(_hostDetailBytes.Count - 1);
            _hostDetails.RemoveAt(_hostDetails.Count - 1);
            _hostsNotDetailed++;
        }

        Output.Write(head);
        if (_hostDetails.Count > 0 || _hostsNotDetailed > 0)
        {
            Output.Write("### Hosts");
            Output.Write(nl);
            Output.Write(nl);
        }

        foreach (var chunk in _hostDetails)
        {
            Output.Write(chunk);
        }

        if (_hostsNotDetailed > 0)
        {
            Output.Write('_');
            Output.Write(_hostsNotDetailed.ToString(CultureInfo.InvariantCulture));
            Output.Write(_hostsNotDetailed == 1 ? " more host with drift or errors is" : " more hosts with drift or errors are");
            Output.Write(" not listed: this summary stays under 1 MiB. Run with `--format json` for the full result._");
            Output.Write(nl);
        }
    }

    private string Head()
    {
        var nl = Output.NewLine;
        var text = new StringBuilder(4096);
        var whatIf = _settings.IsWhatIf;
        text.Append("## DscOffload drift report").Append(nl).Append(nl);
        if (Summary.Hosts == 0)
        {
            text.Append("**No hosts were tested.**");
        }
        else if (Summary.AllInDesiredState)
        {
            text.Append(Summary.Hosts == 1 ? "**The host is in desired state.**" : $"**All {Summary.Hosts} hosts are in desired state.**");
        }
        else
        {
            text.Append("**").Append(Summary.HostsDrifted.ToString(CultureInfo.InvariantCulture)).Append(" of ");
            DriftSummary.Counted(text, Summary.Hosts, "host", "hosts").Append(whatIf ? " would change" : " drifted");
            if (Summary.HasErrors)
            {
                text.Append(", ").Append(Summary.HostsWithErrors.ToString(CultureInfo.InvariantCulture)).Append(" with errors");
            }

            text.Append(".**");
        }

        if (_documents.Count > 0)
        {
            text.Append(_documents.Count == 1 ? " Document: " : " Documents: ");
            for (var i = 0; i < _documents.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ");
                MarkdownText.AppendEscaped(text, DriftValueText.Label(_documents[i]));
            }

            text.Append('.');
        }

        text.Append(nl).Append(nl);
        text.Append("| Hosts | In desired state | ").Append(whatIf ? "Would change" : "Drifted").Append(" | With errors | ")
            .Append(whatIf ? "Changing properties" : "Drifted properties").Append(" | Failed instances |").Append(nl);
        text.Append("| ---: | ---: | ---: | ---: | ---: | ---: |").Append(nl);
        text.Append("| ").Append(Summary.Hosts.ToString(CultureInfo.InvariantCulture))
            .Append(" | ").Append(Summary.HostsInDesiredState.ToString(CultureInfo.InvariantCulture))
            .Append(" | ").Append(Summary.HostsDrifted.ToString(CultureInfo.InvariantCulture))
            .Append(" | ").Append(Summary.HostsWithErrors.ToString(CultureInfo.InvariantCulture))
            .Append(" | ").Append(Summary.DriftedProperties.ToString(CultureInfo.InvariantCulture))
            .Append(" | ").Append(Summary.InstancesFailed.ToString(CultureInfo.InvariantCulture)).Append(" |").Append(nl).Append(nl);

        AppendSettings(text, whatIf, FleetAnnotationKind.Drift);
        AppendSettings(text, whatIf, FleetAnnotationKind.Failure);
        return text.ToString();
    }

    private void AppendSettings(StringBuilder text, bool whatIf, FleetAnnotationKind kind)
    {
        var nl = Output.NewLine;
        var rows = 0;
        var left = 0;
        foreach (var setting in _settings.Sorted())
        {
            if (setting.Kind != kind)
            {
                continue;
            }

            if (rows >= Options.MarkdownMaxSettingRows)
            {
                left++;
                continue;
            }

            if (rows == 0)
            {
                if (kind == FleetAnnotationKind.Drift)
                {
                    text.Append(whatIf ? "### Settings that would change" : "### Settings that differ").Append(nl).Append(nl);
                    text.Append("| Document line | Instance | Property | Desired | Hosts | For example |").Append(nl);
                }
                else
                {
                    text.Append("### Failed instances").Append(nl).Append(nl);
                    text.Append("| Document line | Instance | Type | Hosts | For example |").Append(nl);
                }

                text.Append(kind == FleetAnnotationKind.Drift ? "| --- | --- | --- | --- | ---: | --- |" : "| --- | --- | --- | ---: | --- |").Append(nl);
            }

            rows++;
            text.Append("| ");
            if (setting.Location is { } at)
            {
                MarkdownText.AppendEscaped(text, DriftValueText.Label(at.File)).Append(':').Append(at.Line.ToString(CultureInfo.InvariantCulture));
            }

            text.Append(" | ");
            MarkdownText.AppendEscaped(text, DriftValueText.Label(setting.Instance)).Append(" | ");
            if (kind == FleetAnnotationKind.Drift)
            {
                MarkdownText.AppendEscaped(text, DriftValueText.Label(setting.PropertyPath!)).Append(" | ");
                MarkdownText.AppendEscaped(text, setting.DesiredText!).Append(" | ");
            }
            else
            {
                MarkdownText.AppendEscaped(text, DriftValueText.Label(setting.ResourceType)).Append(" | ");
            }

            text.Append(setting.Hosts.ToString(CultureInfo.InvariantCulture)).Append(" | ");
            var example = setting.Examples[0];
            MarkdownText.AppendEscaped(text, example.Host).Append(": ");
            MarkdownText.AppendEscaped(text, string.Join(", ", example.Details));
            text.Append(" |").Append(nl);
        }

        if (rows > 0)
        {
            text.Append(nl);
        }

        if (left > 0)
        {
            text.Append('_').Append(left.ToString(CultureInfo.InvariantCulture)).Append(" more rows not shown._").Append(nl).Append(nl);
        }
    }

    private string HostDetails(HostDriftReport host)
    {
        var nl = Output.NewLine;
        var text = _scratch.Clear();
        text.Append("<details><summary>");
        MarkdownText.AppendHtml(text, DriftValueText.Label(host.Host)).Append(": ");
        MarkdownText.AppendHtml(text, HostStatusText.Describe(host));
        text.Append("</summary>").Append(nl).Append(nl);
        if (host.DriftItemCount > 0)
        {
            text.Append(host.Run.IsWhatIf ? "| Instance | Adapter | Property | Before | After | Document line |" : "| Instance | Adapter | Property | Current | Desired | Document line |").Append(nl);
            text.Append("| --- | --- | --- | --- | --- | --- |").Append(nl);
            foreach (var instance in host.Instances)
            {
                foreach (var item in instance.DriftItems)
                {
                    text.Append("| ");
                    MarkdownText.AppendEscaped(text, DriftValueText.Label(item.Instance)).Append(" | ");
                    if (item.Adapter is not null)
                    {
                        MarkdownText.AppendEscaped(text, DriftValueText.Label(item.Adapter));
                    }

                    text.Append(" | ");
                    MarkdownText.AppendEscaped(text, DriftValueText.Label(item.PropertyPath)).Append(" | ");
                    MarkdownText.AppendEscaped(text, DriftValueText.Format(item.Current)).Append(" | ");
                    MarkdownText.AppendEscaped(text, DriftValueText.Format(item.Desired)).Append(" | ");
                    if (item.Location is { } at)
                    {
                        MarkdownText.AppendEscaped(text, DriftValueText.Label(at.ToString()));
                    }

                    text.Append(" |").Append(nl);
                }
            }

            text.Append(nl);
        }

        var bullets = false;
        foreach (var instance in host.Instances)
        {
            if (instance.Status == InstanceStatus.Failed)
            {
                bullets = true;
                text.Append("- **Error** in ");
                MarkdownText.AppendEscaped(text, DriftValueText.Label(instance.Name)).Append(" (");
                MarkdownText.AppendEscaped(text, DriftValueText.Label(instance.ResourceType)).Append("): ");
                MarkdownText.AppendEscaped(text, DriftValueText.Message(instance.Error ?? "failed"));
                if (instance.Location is { } at)
                {
                    text.Append(" (");
                    MarkdownText.AppendEscaped(text, DriftValueText.Label(at.ToString())).Append(')');
                }

                text.Append(nl);
            }
        }

        foreach (var message in host.Messages)
        {
            if (message.Level is "warning" or "error")
            {
                bullets = true;
                text.Append("- ").Append(message.Level == "error" ? "**Error**: " : "Warning: ");
                if (message.Instance is not null)
                {
                    MarkdownText.AppendEscaped(text, DriftValueText.Label(message.Instance)).Append(": ");
                }

                MarkdownText.AppendEscaped(text, DriftValueText.Message(message.Text)).Append(nl);
            }
        }

        if (bullets)
        {
            text.Append(nl);
        }

        text.Append("</details>").Append(nl).Append(nl);
        return text.ToString();
    }
}
