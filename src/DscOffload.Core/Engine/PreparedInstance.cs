using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>An instance whose type is known and whose properties passed validation.</summary>
public sealed record PreparedInstance(EngineInstance Instance, IResourceTypeProvider Provider);
