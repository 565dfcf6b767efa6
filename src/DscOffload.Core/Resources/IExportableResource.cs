using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>A resource that can enumerate every instance on its target.</summary>
public interface IExportableResource : IResourceType
{
    /// <summary>
    /// Yields one full state per instance (one per adapter for adapter types), each with
    /// <c>_name</c> set to the exact instance name. <paramref name="filter"/> may be empty.
    /// </summary>
    IEnumerable<JObject> Export(JObject filter, OperationContext context);
}
