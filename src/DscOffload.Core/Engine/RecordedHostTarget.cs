using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>A host replayed from a snapshot file.</summary>
public sealed class RecordedHostTarget(RecordedHost host) : HostTarget
{
    /// <summary>The recorded state.</summary>
    public RecordedHost Host { get; } = host;

    /// <inheritdoc />
    public override string Name => Host.HostName;

    /// <inheritdoc />
    public override bool IsRecorded => true;

    /// <inheritdoc />
    public override string? SourcePath => Host.SourcePath;

    /// <inheritdoc />
    protected override IResourceType Create(IResourceTypeProvider provider) => provider.CreateRecorded(Host);
}
