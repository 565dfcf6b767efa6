using DscOffload.Core.Diagnostics;

namespace DscOffload.Reporting.Drift;

/// <summary>The instance a drift item belongs to: host, instance name, resource type and where the instance is declared.</summary>
internal readonly record struct ItemContext(string Host, string Instance, string ResourceType, SourceLocation? InstanceLocation);
