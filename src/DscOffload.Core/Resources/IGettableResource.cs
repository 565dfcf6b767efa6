using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>A resource whose actual state can be read.</summary>
public interface IGettableResource : IResourceType
{
    /// <summary>Reads the actual state of the instance that <paramref name="input"/> selects.</summary>
    /// <param name="input">Validated input; settable values in it are ignored, selection properties are used; not changed (the engine reports it as the instance's desired state).</param>
    /// <param name="context">Messages, target information and cancellation.</param>
    GetOutcome Get(JObject input, OperationContext context);
}
