using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>A host replayed from a snapshot file.</summary>
/// <param name="host">The recorded state.</param>
/// <param name="name">The name shown in results, when the host's own name is taken by another file of the fleet; null for the host's name.</param>
public sealed class RecordedHostTarget(RecordedHost host, string? name = null) : HostTarget
{
    /// <summary>The recorded state.</summary>
    public RecordedHost Host { get; } = host;

    /// <inheritdoc />
    public override string Name => name ?? Host.HostName;

    /// <inheritdoc />
    public override bool IsRecorded => true;

    /// <inheritdoc />
    public override string? SourcePath => Host.SourcePath;

    /// <inheritdoc />
    protected override IResourceType Create(IResourceTypeProvider provider) => provider.CreateRecorded(Host);
}
