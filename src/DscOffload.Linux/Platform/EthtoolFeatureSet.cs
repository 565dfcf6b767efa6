namespace DscOffload.Linux.Platform;

/// <summary>
/// All named features of one device, in kernel string-set order. Lookup is by name because bit
/// positions differ between kernels.
/// </summary>
internal sealed class EthtoolFeatureSet
{
    private readonly Dictionary<string, EthtoolFeatureState> _byName;

    /// <summary>Creates the set; features with empty names (unused bits) must already be left out.</summary>
    public EthtoolFeatureSet(IReadOnlyList<EthtoolFeatureState> features)
    {
        Features = features;
        _byName = new Dictionary<string, EthtoolFeatureState>(features.Count, StringComparer.Ordinal);
        foreach (var f in features)
        {
            _byName[f.Name] = f;
        }
    }

    /// <summary>The features in kernel order.</summary>
    public IReadOnlyList<EthtoolFeatureState> Features { get; }

    /// <summary>Finds a feature by its kernel name.</summary>
    public bool TryGet(string name, out EthtoolFeatureState state) => _byName.TryGetValue(name, out state);

    /// <summary>True if the kernel knows a feature of this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);
}
