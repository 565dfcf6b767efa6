using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// A resource instance ready for the engine: expressions in its properties evaluated, its
/// <c>dependsOn</c> resolved to the instances it names.
/// </summary>
public sealed class ResolvedInstance
{
    internal ResolvedInstance(ResourceInstance source, JObject properties, IReadOnlyList<string> dependsOn, bool isConditionMet)
    {
        Source = source;
        Properties = properties;
        DependsOn = dependsOn;
        IsConditionMet = isConditionMet;
    }

    /// <summary>The instance as written (locations, metadata, raw keys).</summary>
    public ResourceInstance Source { get; }

    /// <summary>The instance name.</summary>
    public string Name => Source.Name;

    /// <summary>The resource type as written.</summary>
    public string Type => Source.Type;

    /// <summary>The properties with every expression evaluated; each node keeps the location it came from.</summary>
    public JObject Properties { get; }

    /// <summary>The instances this one depends on, as <c>Type/Name</c> with the type as declared on that instance.</summary>
    public IReadOnlyList<string> DependsOn { get; }

    /// <summary>
    /// False when the instance has a <c>condition</c> that evaluated to false: <c>dsc</c> skips such an
    /// instance, and so must the engine. True when there is no condition.
    /// </summary>
    public bool IsConditionMet { get; }

    /// <summary>
    /// True when the properties call <c>reference()</c>: <see cref="Properties"/> are then as written, and the engine
    /// must call <see cref="ConfigurationResolver.EvaluateProperties"/> with the results so far before running it.
    /// </summary>
    public bool NeedsRunResults { get; init; }

    /// <summary>The copy loop iteration this instance was made for, or null.</summary>
    public Expressions.CopyLoopPosition? Copy { get; init; }
}
