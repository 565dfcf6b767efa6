using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// What one instance of a run came to: the outcome of its operation (at most one of <see cref="ActualState"/>,
/// <see cref="Test"/> and <see cref="Set"/>), or its error, or both when a set changed something and then failed.
/// The state objects keep the document locations of the properties they echo, for the reports.
/// </summary>
public sealed class InstanceResult
{
    /// <summary>The instance's name in the document.</summary>
    public required string Name { get; init; }

    /// <summary>The instance's resource type.</summary>
    public required string Type { get; init; }

    /// <summary>Where the instance is declared, when it came from a document.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>When the instance started, when known.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>The properties the instance was run with (its desired state), when known; dsc reports them as the before-state of a set that changed nothing.</summary>
    public JObject? DesiredState { get; init; }

    /// <summary>How long the instance took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The state a get read.</summary>
    public JObject? ActualState { get; init; }

    /// <summary>The outcome of a test.</summary>
    public TestOutcome? Test { get; init; }

    /// <summary>The outcome of a set (what-if: the prediction), also what a set applied before it failed.</summary>
    public SetOutcome? Set { get; init; }

    /// <summary>Restarts the set left to do (reported only for a set that completed).</summary>
    public IReadOnlyList<RestartRequirement> RestartRequired { get; init; } = [];

    /// <summary>The failure, as one line, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Metadata the resource reported about itself (its state's <c>_metadata</c>, lifted out as dsc does), or null.</summary>
    public JObject? ResourceMetadata { get; init; }
}
