namespace DscOffload.Core.Coexistence;

/// <summary>
/// What a probe found on a host: the conditions present, and the conditions it could not determine
/// (a CIM class missing on this Windows version, xfrm unreadable without CAP_NET_ADMIN) with the
/// reason. A condition in neither list was looked for and not found.
/// </summary>
public sealed class CoexistenceReport
{
    private readonly Dictionary<string, DetectedCondition> _detected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _undetermined = new(StringComparer.Ordinal);

    /// <summary>The conditions present, in the order they were added.</summary>
    public IReadOnlyList<DetectedCondition> Detected => _detected.Values.ToList();

    /// <summary>Condition id → why it could not be determined.</summary>
    public IReadOnlyDictionary<string, string> Undetermined => _undetermined;

    /// <summary>True when present, false when looked for and not found, null when undetermined.</summary>
    public bool? Has(string id) => _detected.ContainsKey(id) ? true : _undetermined.ContainsKey(id) ? null : false;

    /// <summary>The detection of <paramref name="id"/>, or null.</summary>
    public DetectedCondition? Find(string id) => _detected.GetValueOrDefault(id);

    /// <summary>
    /// Records a condition. Evidence for an id already recorded is merged (sources joined, details and
    /// interfaces appended), and a detection overrides an earlier "undetermined".
    /// </summary>
    public void Add(DetectedCondition condition)
    {
        _undetermined.Remove(condition.Id);
        if (_detected.TryGetValue(condition.Id, out var earlier))
        {
            condition = new DetectedCondition(
                condition.Id,
                earlier.DetectedBy == condition.DetectedBy ? earlier.DetectedBy : $"{earlier.DetectedBy}; {condition.DetectedBy}",
                [.. earlier.Details, .. condition.Details.Where(d => !earlier.Details.Contains(d))],
                [.. earlier.Interfaces, .. condition.Interfaces.Where(i => !earlier.Interfaces.Contains(i))]);
        }

        _detected[condition.Id] = condition;
    }

    /// <summary>Records a condition found by <paramref name="detectedBy"/> with the given evidence.</summary>
    public void Add(string id, string detectedBy, IEnumerable<string> details, IEnumerable<string>? interfaces = null) =>
        Add(new DetectedCondition(id, detectedBy, details.ToList(), interfaces?.ToList() ?? []));

    /// <summary>Marks <paramref name="id"/> as not determinable, unless it was already detected.</summary>
    public void MarkUndetermined(string id, string reason)
    {
        if (!_detected.ContainsKey(id))
        {
            _undetermined.TryAdd(id, reason);
        }
    }
}
