using DscOffload.Core.Adapters;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>The desired feature states of a resource instance (aliases expanded) as kernel name → on, for the persistence stores.</summary>
internal static class DesiredFeatures
{
    /// <summary>Kernel feature name → wanted state; a name given twice keeps its last value, as the comparison does.</summary>
    public static IReadOnlyDictionary<string, bool> Of(IReadOnlyList<DesiredSetting> settings) =>
        settings.Where(s => s.Key.Property == "features" && s.Value.Type == JTokenType.Boolean)
            .GroupBy(s => s.Key.Member!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value.Value<bool>(), StringComparer.Ordinal);
}
