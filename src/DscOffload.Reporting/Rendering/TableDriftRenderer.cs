using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// The format for people at a terminal: one block per host (a status line, then one aligned row per
/// differing setting: instance, adapter, property, current → desired, document location), failed instances
/// and engine warnings under it, and the fleet summary line at the end. Columns are aligned within a host
/// so the output can stream; ANSI colour only when <see cref="DriftRenderOptions.UseColor"/> is set.
/// </summary>
internal sealed class TableDriftRenderer : DriftRenderer
{
    private const string Arrow = " → ";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Reset = "\u001b[0m";

    private static readonly string Spaces = new(' ', 64);

    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public TableDriftRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    /// <inheritdoc />
    protected override void OnHost(HostDriftReport host)
    {
        WriteHostLine(host);
        if (host.DriftItemCount > 0)
        {
            WriteDriftRows(host);
        }

        foreach (var instance in host.Instances)
        {
            if (instance.Status != InstanceStatus.Failed)
            {
                continue;
            }

            Output.Write("  ");
            Colored(Red, "error");
            Output.Write("  ");
            Output.Write(DriftValueText.Label(instance.Name));
            Output.Write(": ");
            Output.Write(DriftValueText.Message(instance.Error ?? "failed"));
            WriteLocation(instance.Location);
            Output.WriteLine();
        }

        foreach (var message in host.Messages)
        {
            if (message.Level is not ("warning" or "error"))
            {
                continue;
            }

            Output.Write("  ");
            Colored(message.Level == "error" ? Red : Yellow, message.Level);
            Output.Write("  ");
            if (message.Instance is not null)
            {
                Output.Write(DriftValueText.Label(message.Instance));
                Output.Write(": ");
            }

            Output.WriteLine(DriftValueText.Message(message.Text));
        }
    }

    /// <inheritdoc />
    protected override void OnComplete()
    {
        if (Summary.Hosts > 1 || Summary.Hosts == 0)
        {
            Output.WriteLine();
        }

        var color = Summary.HasErrors ? Red : Summary.HasDrift ? Yellow : Green;
        Colored(color, Summary.ToString());
        Output.WriteLine();
    }

    private void WriteHostLine(HostDriftReport host)
    {
        if (Options.UseColor)
        {
            Output.Write(Bold);
        }

        Output.Write(DriftValueText.Label(host.Host));
        if (Options.UseColor)
        {
            Output.Write(Reset);
        }

        Output.Write("  ");
        Colored(host.IsInDesiredState ? Green : host.HadErrors ? Red : Yellow, HostStatusText.Describe(host));
        if (host.Run.Snapshot is { } snapshot)
        {
            Output.Write("  ");
            Colored(Dim, "against " + DriftValueText.Label(snapshot));
        }
        else if (host.Run.Target is { } target)
        {
            Output.Write("  ");
            Colored(Dim, "against " + DriftValueText.Label(target));
        }

        Output.WriteLine();
    }

    private void WriteDriftRows(HostDriftReport host)
    {
        var rows = new string[host.DriftItemCount * 5];
        var locations = new string[host.DriftItemCount];
        int instanceWidth = "INSTANCE".Length, adapterWidth = 0, propertyWidth = "PROPERTY".Length, currentWidth = host.Run.IsWhatIf ? "BEFORE".Length : "CURRENT".Length;
        var row = 0;
        foreach (var instance in host.Instances)
        {
            foreach (var item in instance.DriftItems)
            {
                var at = row * 5;
                rows[at] = DriftValueText.Label(item.Instance);
                rows[at + 1] = item.Adapter is null ? string.Empty : DriftValueText.Label(item.Adapter);
                rows[at + 2] = DriftValueText.Label(item.PropertyPath);
                rows[at + 3] = DriftValueText.Format(item.Current);
                rows[at + 4] = DriftValueText.Format(item.Desired);
                locations[row] = item.Location?.ToString() ?? string.Empty;
                instanceWidth = Math.Max(instanceWidth, rows[at].Length);
                adapterWidth = Math.Max(adapterWidth, rows[at + 1].Length);
                propertyWidth = Math.Max(propertyWidth, rows[at + 2].Length);
                currentWidth = Math.Max(currentWidth, rows[at + 3].Length);
                row++;
            }
        }

        var desiredWidth = host.Run.IsWhatIf ? "AFTER".Length : "DESIRED".Length;
        for (var i = 0; i < row; i++)
        {
            desiredWidth = Math.Max(desiredWidth, rows[(i * 5) + 4].Length);
        }

        if (adapterWidth > 0)
        {
            adapterWidth = Math.Max(adapterWidth, "ADAPTER".Length);
        }

        if (Options.UseColor)
        {
            Output.Write(Dim);
        }

        Output.Write("  ");
        Cell("INSTANCE", instanceWidth);
        if (adapterWidth > 0)
        {
            Cell("ADAPTER", adapterWidth);
        }

        Cell("PROPERTY", propertyWidth);
        Output.Write(host.Run.IsWhatIf ? "BEFORE" : "CURRENT");
        Pad(currentWidth - (host.Run.IsWhatIf ? "BEFORE" : "CURRENT").Length + Arrow.Length);
        Output.Write(host.Run.IsWhatIf ? "AFTER" : "DESIRED");
        Pad(desiredWidth - (host.Run.IsWhatIf ? "AFTER" : "DESIRED").Length + 2);
        Output.Write("DOCUMENT");
        if (Options.UseColor)
        {
            Output.Write(Reset);
        }

        Output.WriteLine();

        for (var i = 0; i < row; i++)
        {
            var at = i * 5;
            Output.Write("  ");
            Cell(rows[at], instanceWidth);
            if (adapterWidth > 0)
            {
                Cell(rows[at + 1], adapterWidth);
            }

            Cell(rows[at + 2], propertyWidth);
            Colored(Red, rows[at + 3]);
            Pad(currentWidth - rows[at + 3].Length);
            Output.Write(Arrow);
            Colored(Green, rows[at + 4]);
            if (locations[i].Length > 0)
            {
                Pad(desiredWidth - rows[at + 4].Length + 2);
                Colored(Dim, locations[i]);
            }

            Output.WriteLine();
        }
    }

    private void WriteLocation(Core.Diagnostics.SourceLocation? location)
    {
        if (location is { } at)
        {
            Output.Write("  ");
            Colored(Dim, at.ToString());
        }
    }

    private void Cell(string text, int width)
    {
        Output.Write(text);
        Pad(width - text.Length + 2);
    }

    private void Pad(int count)
    {
        while (count > 0)
        {
            var chunk = Math.Min(count, Spaces.Length);
            Output.Write(Spaces.AsSpan(0, chunk));
            count -= chunk;
        }
    }

    private void Colored(string color, string text)
    {
        if (Options.UseColor)
        {
            Output.Write(color);
            Output.Write(text);
            Output.Write(Reset);
        }
        else
        {
            Output.Write(text);
        }
    }
}
