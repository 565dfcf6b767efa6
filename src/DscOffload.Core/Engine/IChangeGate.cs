using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// What the engine calls right before it lets a resource change the live host (a set that is neither what-if
/// nor against recorded state). The safety layer uses it to journal, instance by instance, the state the set is
/// about to change; an exception it throws fails that instance exactly as a failing set would, before any change.
/// </summary>
public interface IChangeGate
{
    /// <summary>Called before <paramref name="resource"/> sets <paramref name="input"/> for <paramref name="instance"/>.</summary>
    void BeforeSet(EngineInstance instance, ResourceDescriptor descriptor, ISettableResource resource, JObject input);
}
