using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// One instance of a document as the coexistence advice sees it: what the document asks for, what the
/// host has (when a run produced it) and the adapters the instance matched, each with its actual state.
/// </summary>
/// <param name="InstanceName">The instance name.</param>
/// <param name="Type">The resource type.</param>
/// <param name="Desired">The instance's properties as the document gives them.</param>
/// <param name="Actual">The actual state from test (or the before-state from set); null when nothing ran (validate).</param>
internal sealed record CoexistenceSubject(string InstanceName, string Type, JObject Desired, JObject? Actual)
{
    private IReadOnlyList<(string Name, JObject State)>? _adapters;

    /// <summary>The matched adapters by name, from the actual state's <c>adapters</c> array (read once: the advice asks for every condition and offload).</summary>
    public IReadOnlyList<(string Name, JObject State)> Adapters => _adapters ??= ReadAdapters(Actual);

    private static List<(string Name, JObject State)> ReadAdapters(JObject? actual)
    {
        var adapters = new List<(string Name, JObject State)>();
        if (actual?["adapters"] is JArray list)
        {
            foreach (var item in list)
            {
                if (item is JObject a && a["name"] is { Type: JTokenType.String } name)
                {
                    adapters.Add((name.Value<string>()!, a));
                }
            }
        }

        return adapters;
    }
}
