using DscOffload.Core.Resources;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// Builds the descriptor of a platform's read-only OffloadCoexistence type from its coexistence table,
/// so that the table stays the single source of the condition properties: one nullable boolean per
/// row (true present, false not found, null undetermined), <c>compatibleWith</c>, and the read-only
/// <c>conditions</c> detail and <c>notes</c>.
/// </summary>
internal static class CoexistenceDescriptor
{
    /// <summary>The property that lists offloads which must be usable on the host.</summary>
    public const string CompatibleWith = "compatibleWith";

    /// <summary>The read-only array of detected conditions with their evidence and meaning.</summary>
    public const string Conditions = "conditions";

    /// <summary>The read-only list of conditions that could not be determined, with the reason.</summary>
    public const string Notes = "notes";

    /// <summary>The descriptor of <paramref name="table"/>'s resource type; it has no set.</summary>
    public static ResourceDescriptor Build(PlatformCoexistenceTable table, string description)
    {
        var properties = new List<PropertyDescriptor>();
        foreach (var row in table.Rows)
        {
            properties.Add(new PropertyDescriptor
            {
                Name = row.Id,
                Type = PropertyType.Boolean,
                CanBeNull = true,
                Description = $"{row.Condition}. Source: {row.Source}. Reported: true present, false not found, null undetermined. Desired: true or false asserts it.",
            });
        }

        properties.Add(new PropertyDescriptor
        {
            Name = CompatibleWith,
            Type = PropertyType.StringArray,
            AllowedValues = table.Offloads.Select(o => o.Name).ToList(),
            Description = "Offloads no condition of this host rules out (verdict No). Desired: the offloads that must be usable here; test fails when a detected or undetermined condition rules one out.",
        });
        properties.Add(new PropertyDescriptor
        {
            Name = Conditions,
            Type = PropertyType.ObjectArray,
            IsReadOnly = true,
            Description = "Each detected condition: id, condition, detectedBy, details, interfaces, effects (offload → verdict), meaning and source.",
        });
        properties.Add(new PropertyDescriptor
        {
            Name = Notes,
            Type = PropertyType.StringArray,
            IsReadOnly = true,
            Description = "Conditions that could not be determined on this host, with the reason.",
        });

        return new ResourceDescriptor
        {
            Type = table.ResourceType,
            Version = ProductVersion.Value,
            Platform = table.Platform,
            Description = description,
            Properties = properties,
            CanSet = false,
            SetAsserts = true,
            SetRequiresElevation = false,
        };
    }
}
