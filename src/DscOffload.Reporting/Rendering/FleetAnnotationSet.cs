using DscOffload.Core.Diagnostics;
using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Groups drift and failures of all hosts by document line and setting (see <see cref="FleetAnnotation"/>).
/// Its size follows the document, not the fleet; <paramref name="capacity"/> bounds it even for a document
/// with absurdly many settings, and findings beyond it are only counted.
/// </summary>
internal sealed class FleetAnnotationSet(int capacity = 10_000)
{
    private readonly Dictionary<FleetAnnotationKey, FleetAnnotation> _entries = [];

    /// <summary>True once a what-if result was added, so messages say "would change".</summary>
    public bool IsWhatIf { get; private set; }

    /// <summary>Findings not grouped because the set was full.</summary>
    public int Dropped { get; private set; }

    public int Count => _entries.Count;

    public void Add(HostDriftReport host)
    {
        IsWhatIf |= host.Run.IsWhatIf;
        var hostLabel = DriftValueText.Label(host.Host);
        foreach (var instance in host.Instances)
        {
            if (instance.Status == InstanceStatus.Failed)
            {
                var entry = Find(FleetAnnotationKind.Failure, instance.Location, instance.Name, instance.ResourceType, null, null);
                entry?.AddOccurrence(hostLabel, DriftValueText.Label(instance.Error ?? "failed"));
                continue;
            }

            foreach (var item in instance.DriftItems)
            {
                var entry = Find(FleetAnnotationKind.Drift, item.Location, item.Instance, item.ResourceType, item.PropertyPath, DriftValueText.Format(item.Desired));
                if (entry is null)
                {
                    continue;
                }

                var current = DriftValueText.Format(item.Current);
                entry.AddOccurrence(hostLabel, item.Adapter is null ? current : string.Concat(DriftValueText.Label(item.Adapter), ": ", current));
            }
        }
    }

    /// <summary>The groups in document order (file, line, column), then in the order first seen.</summary>
    public List<FleetAnnotation> Sorted()
    {
        var list = new List<FleetAnnotation>(_entries.Values);
        list.Sort(static (a, b) =>
        {
            var byFile = string.CompareOrdinal(a.Location?.File, b.Location?.File);
            if (byFile != 0)
            {
                return byFile;
            }

            var byLine = (a.Location?.Line ?? 0).CompareTo(b.Location?.Line ?? 0);
            if (byLine != 0)
            {
                return byLine;
            }

            var byColumn = (a.Location?.Column ?? 0).CompareTo(b.Location?.Column ?? 0);
            return byColumn != 0 ? byColumn : a.Order.CompareTo(b.Order);
        });
        return list;
    }

    private FleetAnnotation? Find(FleetAnnotationKind kind, SourceLocation? location, string instance, string resourceType, string? path, string? desired)
    {
        var key = new FleetAnnotationKey(kind, location, instance, resourceType, path, desired);
        if (_entries.TryGetValue(key, out var entry))
        {
            return entry;
        }

        if (_entries.Count >= capacity)
        {
            Dropped++;
            return null;
        }

        entry = new FleetAnnotation(kind, location, instance, resourceType, path, desired, _entries.Count);
        _entries.Add(key, entry);
        return entry;
    }

    private readonly record struct FleetAnnotationKey(FleetAnnotationKind Kind, SourceLocation? Location, string Instance, string ResourceType, string? Path, string? Desired);
}
