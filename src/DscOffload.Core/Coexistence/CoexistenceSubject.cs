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
    /// <summary>The matched adapters by name, from the actual state's <c>adapters</c> array.</summary>
    public IReadOnlyList<(string Name, JObject State)> Adapters =>
        Actual?["adapters"] is JArray list
            ? list.OfType<JObject>().Where(a => a["name"]?.Type == JTokenType.String).Select(a => (a["name"]!.Value<string>()!, a)).ToList()
            : [];
}
