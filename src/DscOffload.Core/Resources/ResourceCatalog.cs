namespace DscOffload.Core.Resources;

/// <summary>The resource types this build knows, looked up by type name (case-insensitive, as dsc does).</summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<string, IResourceTypeProvider> _byType = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a catalog of the given providers, in the given order.</summary>
    public ResourceCatalog(IEnumerable<IResourceTypeProvider> providers)
    {
        Providers = providers.ToList();
        foreach (var p in Providers)
        {
            _byType[p.TypeName] = p;
        }
    }

    /// <summary>All providers in registration order.</summary>
    public IReadOnlyList<IResourceTypeProvider> Providers { get; }

    /// <summary>Finds the provider of <paramref name="type"/>.</summary>
    public IResourceTypeProvider? Find(string type) => _byType.GetValueOrDefault(type);

    /// <summary>The type names, for "allowed: …" messages.</summary>
    public string TypeNames => string.Join(", ", Providers.Select(p => p.TypeName));
}
