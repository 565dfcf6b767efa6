using System.Globalization;
using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// One document line's worth of findings across the fleet: a setting that differs (same instance, property
/// and desired value) or an instance that failed, with how many hosts are affected and a few examples.
/// Annotations and the markdown table report these instead of one line per host, so the few slots a CI
/// system shows name distinct settings rather than the same setting on ten hosts.
/// </summary>
internal sealed class FleetAnnotation
{
    public const int MaxExampleHosts = 5;
    private const int MaxDetailsPerHost = 3;

    private readonly List<FleetExample> _examples = [];
    private string? _lastHost;

    public FleetAnnotation(FleetAnnotationKind kind, SourceLocation? location, string instance, string resourceType, string? propertyPath, string? desiredText, int order)
    {
        Kind = kind;
        Location = location;
        Instance = instance;
        ResourceType = resourceType;
        PropertyPath = propertyPath;
        DesiredText = desiredText;
        Order = order;
    }

    public FleetAnnotationKind Kind { get; }

    public SourceLocation? Location { get; }

    public string Instance { get; }

    public string ResourceType { get; }

    public string? PropertyPath { get; }

    public string? DesiredText { get; }

    /// <summary>First-seen order, the tie-breaker that keeps output deterministic.</summary>
    public int Order { get; }

    public int Hosts { get; private set; }

    public IReadOnlyList<FleetExample> Examples => _examples;

    public string RuleId => Kind == FleetAnnotationKind.Drift
        ? DriftRuleId.ForProperty(ResourceType, PropertyPath!)
        : DriftRuleId.ForFailure(ResourceType);

    public void AddOccurrence(string host, string detail)
    {
        if (!string.Equals(host, _lastHost, StringComparison.Ordinal))
        {
            _lastHost = host;
            Hosts++;
            if (_examples.Count < MaxExampleHosts)
            {
                _examples.Add(new FleetExample(host, [detail]));
            }

            return;
        }

        if (_examples.Count > 0 && string.Equals(_examples[^1].Host, host, StringComparison.Ordinal))
        {
            var details = _examples[^1].Details;
            if (details.Count <= MaxDetailsPerHost)
            {
                details.Add(details.Count == MaxDetailsPerHost ? "…" : detail);
            }
        }
    }

    /// <summary>A one-line title, e.g. <c>Drift: Global offload · chimney</c>.</summary>
    public string Title(bool whatIf) => Kind == FleetAnnotationKind.Drift
        ? string.Concat(whatIf ? "Would change: " : "Drift: ", DriftValueText.Label(Instance), " · ", DriftValueText.Label(PropertyPath!))
        : string.Concat("Error: ", DriftValueText.Label(Instance));

    /// <summary>
    /// The message: what the document asks for and how many hosts differ, then one line per example host.
    /// Multi-line on purpose; the command escaping turns the line breaks into <c>%0A</c>.
    /// </summary>
    public string Message(bool whatIf)
    {
        var text = new StringBuilder(256);
        if (Kind == FleetAnnotationKind.Drift)
        {
            text.Append(DriftValueText.Label(Instance)).Append(" · ").Append(DriftValueText.Label(PropertyPath!)).Append(": the document asks for ").Append(DesiredText).Append("; ");
            text.Append(whatIf ? "would change on " : "differs on ");
            DriftSummary.Counted(text, Hosts, "host", "hosts").Append(':');
        }
        else
        {
            text.Append(DriftValueText.Label(Instance)).Append(" (").Append(DriftValueText.Label(ResourceType)).Append(") failed on ");
            DriftSummary.Counted(text, Hosts, "host", "hosts").Append(':');
        }

        foreach (var example in _examples)
        {
            text.Append('\n').Append(example.Host).Append(": ");
            for (var i = 0; i < example.Details.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                text.Append(example.Details[i]);
            }
        }

        if (Hosts > _examples.Count)
        {
            text.Append("\n… and ").Append((Hosts - _examples.Count).ToString(CultureInfo.InvariantCulture)).Append(" more");
        }

        return text.ToString();
    }
}
