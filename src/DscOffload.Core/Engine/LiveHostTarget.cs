using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>The machine dscoffload runs on.</summary>
public sealed class LiveHostTarget : HostTarget
{
    /// <inheritdoc />
    public override string Name { get; } = Environment.MachineName;

    /// <inheritdoc />
    public override bool IsRecorded => false;

    /// <inheritdoc />
    protected override IResourceType Create(IResourceTypeProvider provider) => provider.CreateLive();
}
