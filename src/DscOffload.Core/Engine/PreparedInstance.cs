using DscOffload.Core.Documents;
using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>An instance whose type is known and whose properties passed validation.</summary>
public sealed record PreparedInstance(EngineInstance Instance, IResourceTypeProvider Provider)
{
    /// <summary>
    /// The resolved instance it came from, when it came from a document. When its properties call <c>reference()</c>
    /// (<see cref="ResolvedInstance.NeedsRunResults"/>) they are evaluated and validated just before it runs.
    /// </summary>
    public ResolvedInstance? Resolved { get; init; }
}
