using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// One setting on one host that differs from the document: the unit every renderer reports.
/// Computed once per host by <see cref="DriftEnvelopeReader"/> so that all formats agree on what
/// drifted, on the values shown and on the document line they point at.
/// </summary>
/// <param name="Host">The host whose state differs.</param>
/// <param name="Instance">The resource instance name from the document.</param>
/// <param name="ResourceType">The resource type, <c>Owner.Group/Name</c>.</param>
/// <param name="Adapter">For adapter types, the adapter (by its name on the host) that differs; otherwise null.</param>
/// <param name="PropertyPath">The property, with object members joined by dots (<c>tcpipParameters.enableRSS</c>).</param>
/// <param name="Current">The value on the host (before-state in what-if); null when the host has no such value at all.</param>
/// <param name="Desired">The value the document asks for (after-state in what-if); null when the document does not say.</param>
/// <param name="Location">Where in the document the desired value is written, so CI can point at that line.</param>
public sealed record DriftItem(
    string Host,
    string Instance,
    string ResourceType,
    string? Adapter,
    string PropertyPath,
    JToken? Current,
    JToken? Desired,
    SourceLocation? Location);
