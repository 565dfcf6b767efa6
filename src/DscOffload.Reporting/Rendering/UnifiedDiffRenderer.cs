using System.Globalization;
using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// A unified diff per host, in the spirit of <c>ansible --check --diff</c>: the "old" side is the host's current
/// state and the "new" side what the document asks for, laid out like the document itself (instance, type,
/// properties, nested members), one hunk per drifted instance with the document location in the hunk
/// header. Adapter types get one comment line per adapter. Hosts in desired state print nothing; failed
/// instances and engine warnings print as <c>#</c> lines before the host's file header, where diff tools
/// ignore them. Hunk line numbers count lines of that per-host rendering, so the diff is well formed.
/// </summary>
internal sealed class UnifiedDiffRenderer : DriftRenderer
{
    private readonly List<DiffLine> _hunk = [];

    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public UnifiedDiffRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    /// <inheritdoc />
    protected override void OnHost(HostDriftReport host)
    {
        if (host.IsInDesiredState)
        {
            return;
        }

        var hostLabel = DriftValueText.Label(host.Host);
        foreach (var instance in host.Instances)
        {
            if (instance.Status == InstanceStatus.Failed)
            {
                Output.Write("# ");
                Output.Write(hostLabel);
                Output.Write(": error in ");
                Output.Write(DriftValueText.Label(instance.Name));
                Output.Write(" (");
                Output.Write(DriftValueText.Label(instance.ResourceType));
                Output.Write("): ");
                Output.Write(DriftValueText.Message(instance.Error ?? "failed"));
                if (instance.Location is { } at)
                {
                    Output.Write(" at ");
                    Output.Write(at.ToString());
                }

                Output.WriteLine();
            }
        }

        foreach (var message in host.Messages)
        {
            if (message.Level is "warning" or "error")
            {
                Output.Write("# ");
                Output.Write(hostLabel);
                Output.Write(": ");
                Output.Write(message.Level);
                Output.Write(": ");
                if (message.Instance is not null)
                {
                    Output.Write(DriftValueText.Label(message.Instance));
                    Output.Write(": ");
                }

                Output.WriteLine(DriftValueText.Message(message.Text));
            }
        }

        if (host.DriftItemCount == 0)
        {
            return;
        }

        Output.Write("--- ");
        Output.Write(hostLabel);
        Output.Write(host.Run.IsWhatIf ? " before" : " current");
        if ((host.Run.Snapshot ?? host.Run.Target) is { } source)
        {
            Output.Write(" (against ");
            Output.Write(DriftValueText.Label(source));
            Output.Write(')');
        }

        Output.WriteLine();
        Output.Write("+++ ");
        Output.Write(hostLabel);
        Output.Write(host.Run.IsWhatIf ? " after, predicted by what-if" : " desired");
        if (host.Run.Document is { } document)
        {
            Output.Write(" (");
            Output.Write(DriftValueText.Label(document));
            Output.Write(')');
        }

        Output.WriteLine();

        var oldLine = 1;
        var newLine = 1;
        foreach (var instance in host.Instances)
        {
            if (instance.Status != InstanceStatus.Drifted)
            {
                continue;
            }

            BuildHunk(instance);
            WriteHunk(instance, ref oldLine, ref newLine);
        }
    }

    /// <inheritdoc />
    protected override void OnComplete()
    {
    }

    private void BuildHunk(InstanceOutcome instance)
    {
        _hunk.Clear();
        _hunk.Add(new DiffLine(' ', "- name: " + DriftValueText.Label(instance.Name)));
        _hunk.Add(new DiffLine(' ', "  type: " + DriftValueText.Label(instance.ResourceType)));
        _hunk.Add(new DiffLine(' ', "  properties:"));

        string? adapter = null;
        string[] previous = [];
        foreach (var item in instance.DriftItems)
        {
            if (!string.Equals(item.Adapter, adapter, StringComparison.Ordinal))
            {
                adapter = item.Adapter;
                previous = [];
                if (adapter is not null)
                {
                    _hunk.Add(new DiffLine(' ', "    # adapter " + DriftValueText.Label(adapter)));
                }
            }

            var segments = item.PropertyPath.Split('.');
            var common = 0;
            while (common < segments.Length - 1 && common < previous.Length - 1
                && string.Equals(segments[common], previous[common], StringComparison.Ordinal))
            {
                common++;
            }

            for (var depth = common; depth < segments.Length - 1; depth++)
            {
                _hunk.Add(new DiffLine(' ', Indent(depth) + DriftValueText.Label(segments[depth]) + ":"));
            }

            var key = Indent(segments.Length - 1) + DriftValueText.Label(segments[^1]) + ": ";
            if (item.Current is not null)
            {
                _hunk.Add(new DiffLine('-', key + DriftValueText.Format(item.Current)));
            }

            if (item.Desired is not null)
            {
                _hunk.Add(new DiffLine('+', key + DriftValueText.Format(item.Desired)));
            }

            previous = segments;
        }
    }

    private void WriteHunk(InstanceOutcome instance, ref int oldLine, ref int newLine)
    {
        int oldCount = 0, newCount = 0;
        foreach (var line in _hunk)
        {
            if (line.Kind != '+')
            {
                oldCount++;
            }

            if (line.Kind != '-')
            {
                newCount++;
            }
        }

        Output.Write("@@ -");
        Output.Write(oldLine.ToString(CultureInfo.InvariantCulture));
        Output.Write(',');
        Output.Write(oldCount.ToString(CultureInfo.InvariantCulture));
        Output.Write(" +");
        Output.Write(newLine.ToString(CultureInfo.InvariantCulture));
        Output.Write(',');
        Output.Write(newCount.ToString(CultureInfo.InvariantCulture));
        Output.Write(" @@");
        if (instance.Location is { } at)
        {
            Output.Write(' ');
            Output.Write(at.ToString());
        }

        Output.WriteLine();
        foreach (var line in _hunk)
        {
            Output.Write(line.Kind);
            Output.WriteLine(line.Text);
        }

        oldLine += oldCount;
        newLine += newCount;
    }

    private static string Indent(int depth) => new(' ', 4 + (2 * depth));

    private readonly record struct DiffLine(char Kind, string Text);
}
