using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>
/// Where resources act: the live host or one recorded host. The engine asks the target for a
/// resource type and never needs to know which kind it got.
/// </summary>
public abstract class HostTarget
{
    private readonly Dictionary<string, IResourceType> _types = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The host name shown in results.</summary>
    public abstract string Name { get; }

    /// <summary>True for recorded state, which is read-only.</summary>
    public abstract bool IsRecorded { get; }

    /// <summary>The snapshot file, for recorded hosts.</summary>
    public virtual string? SourcePath => null;

    /// <summary>The resource type bound to this target (created once per target).</summary>
    public IResourceType Resolve(IResourceTypeProvider provider)
    {
        if (!_types.TryGetValue(provider.Descriptor.Type, out var type))
        {
            type = Create(provider);
            _types[provider.Descriptor.Type] = type;
        }

        return type;
    }

    /// <summary>Creates the type for this target.</summary>
    protected abstract IResourceType Create(IResourceTypeProvider provider);
}
