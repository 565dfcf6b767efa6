namespace DscOffload.Core.Coexistence;

/// <summary>
/// The coexistence table of one platform: the offloads it knows, the conditions (rows) and the
/// read-only resource type that reports which conditions hold on a host.
/// </summary>
public sealed class PlatformCoexistenceTable
{
    /// <summary><c>Windows</c> or <c>Linux</c>, as in <see cref="Resources.ResourceDescriptor.Platform"/>.</summary>
    public required string Platform { get; init; }

    /// <summary>A heading for the table.</summary>
    public required string Title { get; init; }

    /// <summary>The OffloadCoexistence resource type of this platform.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The offloads, in documented order.</summary>
    public required IReadOnlyList<OffloadTopic> Offloads { get; init; }

    /// <summary>The rows, in documented order.</summary>
    public required IReadOnlyList<CoexistenceRow> Rows { get; init; }

    /// <summary>The row with id <paramref name="id"/>, or null.</summary>
    public CoexistenceRow? Row(string id)
    {
        foreach (var row in Rows)
        {
            if (row.Id == id)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The offload called <paramref name="name"/> (case-insensitive), or null.</summary>
    public OffloadTopic? Offload(string name) =>
        Offloads.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The rows that say something about <paramref name="offload"/>.</summary>
    public IEnumerable<CoexistenceRow> RowsAffecting(string offload) => Rows.Where(r => r.Effects.ContainsKey(offload));
}
