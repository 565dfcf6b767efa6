using DscOffload.Core.Diagnostics;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// The outcome of one resource instance on one host: in desired state, drifted (with the settings
/// that differ) or failed (with the error). Renderers that report per instance (JUnit, diff hunks)
/// read this; renderers that report per setting read <see cref="DriftItems"/>.
/// </summary>
/// <param name="Name">The instance name from the document.</param>
/// <param name="ResourceType">The resource type, <c>Owner.Group/Name</c>.</param>
/// <param name="Status">In desired state, drifted or failed.</param>
/// <param name="DriftItems">The settings that differ; empty unless <paramref name="Status"/> is drifted.</param>
/// <param name="Error">The error text when the instance failed; otherwise null.</param>
/// <param name="Location">Where the instance is declared in the document (falls back to line 1 of the document).</param>
/// <param name="Duration">How long the engine spent on the instance, when it said.</param>
public sealed record InstanceOutcome(
    string Name,
    string ResourceType,
    InstanceStatus Status,
    IReadOnlyList<DriftItem> DriftItems,
    string? Error,
    SourceLocation? Location,
    TimeSpan? Duration);
