using DscOffload.Core.Adapters;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// A resource property that switches an offload on: the type, the property path (dots for members,
/// <c>tcpipParameters.enableTCPChimney</c>, <c>features.tso</c>) and the values that mean "on".
/// </summary>
/// <param name="Type">The resource type that has the property.</param>
/// <param name="Path">The property path.</param>
/// <param name="On">The values that turn the offload on.</param>
/// <param name="NoEffectFromBuild">The Windows build from which the property has no effect at all (null: none known).</param>
/// <param name="NoEffect">Why it has none from that build, as the resource type's settings table says it.</param>
public sealed record OffloadSetting(string Type, string Path, IReadOnlyList<JToken> On, int? NoEffectFromBuild = null, string? NoEffect = null)
{
    /// <summary>The value at <see cref="Path"/> in <paramref name="state"/>, or null when absent.</summary>
    public JToken? ValueIn(JObject state)
    {
        // Read for every setting, adapter and host of a fleet: most paths have no dot and need no split.
        JToken? current = state;
        var start = 0;
        while (current is JObject o)
        {
            var dot = Path.IndexOf('.', start);
            current = o[dot < 0 ? (start == 0 ? Path : Path[start..]) : Path[start..dot]];
            if (dot < 0)
            {
                return current is null || current.Type == JTokenType.Null ? null : current;
            }

            start = dot + 1;
        }

        return null;
    }

    /// <summary>True when <paramref name="value"/> is one of the "on" values.</summary>
    public bool IsOn(JToken? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var on in On)
        {
            if (JsonValues.Same(on, value))
            {
                return true;
            }
        }

        return false;
    }
}
