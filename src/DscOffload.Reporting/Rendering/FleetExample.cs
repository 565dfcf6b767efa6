namespace DscOffload.Reporting.Rendering;

/// <summary>One host named in a <see cref="FleetAnnotation"/>, with what it has instead (per adapter when there are several).</summary>
internal sealed record FleetExample(string Host, List<string> Details);
