using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>A resource that compares its actual state with a desired state.</summary>
public interface ITestableResource : IGettableResource
{
    /// <summary>Compares the actual state with <paramref name="desired"/> without changing anything.</summary>
    TestOutcome Test(JObject desired, OperationContext context);
}
