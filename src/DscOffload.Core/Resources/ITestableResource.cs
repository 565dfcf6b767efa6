using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>A resource that compares its actual state with a desired state.</summary>
public interface ITestableResource : IGettableResource
{
    /// <summary>Compares the actual state with <paramref name="desired"/> without changing anything, <paramref name="desired"/> included (the engine reports it as the instance's desired state).</summary>
    TestOutcome Test(JObject desired, OperationContext context);
}
