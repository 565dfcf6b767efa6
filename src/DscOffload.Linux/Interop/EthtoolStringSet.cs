using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Interop;

/// <summary>
/// The kernel's <c>ETH_SS_FEATURES</c> names in bit order. It is the only bridge between feature names
/// and bit positions: positions move between kernel versions, so nothing else in the library may
/// assume one. Unused bits have empty names and are never reported or accepted.
/// </summary>
internal sealed class EthtoolStringSet
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _bitByName;

    /// <summary>Creates the set from the names in bit order (empty strings for unused bits).</summary>
    public EthtoolStringSet(IReadOnlyList<string> namesInBitOrder)
    {
        _names = [.. namesInBitOrder];
        _bitByName = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (var bit = 0; bit < _names.Length; bit++)
        {
            if (_names[bit].Length > 0)
            {
                _bitByName.TryAdd(_names[bit], bit);
            }
        }
    }

    /// <summary>How many bits the kernel has names for (used and unused).</summary>
    public int BitCount => _names.Length;

    /// <summary>The number of 32-bit blocks <c>ETHTOOL_GFEATURES</c>/<c>SFEATURES</c> exchange.</summary>
    public int BlockCount => BlocksFor(_names.Length);

    /// <summary>The non-empty names, in bit order.</summary>
    public IEnumerable<string> Names => _names.Where(n => n.Length > 0);

    /// <summary>The number of 32-bit blocks needed for <paramref name="bitCount"/> bits.</summary>
    public static int BlocksFor(int bitCount) => (bitCount + 31) / 32;

    /// <summary>The bit of a named feature, if the kernel has it.</summary>
    public bool TryGetBit(string name, out int bit) => _bitByName.TryGetValue(name, out bit);

    /// <summary>
    /// Turns <c>ETHTOOL_GFEATURES</c> blocks into named states, leaving out unused bits.
    /// </summary>
    public EthtoolFeatureSet Decode(ReadOnlySpan<EthtoolGetFeaturesBlock> blocks)
    {
        var features = new List<EthtoolFeatureState>(_bitByName.Count);
        for (var bit = 0; bit < _names.Length; bit++)
        {
            var name = _names[bit];
            if (name.Length == 0 || bit / 32 >= blocks.Length)
            {
                continue;
            }

            var block = blocks[bit / 32];
            var mask = 1u << (bit % 32);
            features.Add(new EthtoolFeatureState(
                name,
                Changeable: (block.Available & mask) != 0,
                Requested: (block.Requested & mask) != 0,
                Active: (block.Active & mask) != 0,
                NeverChangeable: (block.NeverChanged & mask) != 0));
        }

        return new EthtoolFeatureSet(features);
    }

    /// <summary>
    /// Builds the <c>ETHTOOL_SFEATURES</c> blocks: every named feature is marked valid and its wanted
    /// value goes into requested. Exactly <see cref="BlockCount"/> blocks, because the kernel rejects
    /// any other size with EINVAL.
    /// </summary>
    /// <exception cref="DscOffloadException">A name the kernel does not know (InvalidInput).</exception>
    public EthtoolSetFeaturesBlock[] BuildSetBlocks(string interfaceName, IEnumerable<KeyValuePair<string, bool>> wanted)
    {
        var blocks = new EthtoolSetFeaturesBlock[BlockCount];
        foreach (var (name, on) in wanted)
        {
            if (!TryGetBit(name, out var bit))
            {
                throw UnknownFeature(interfaceName, name);
            }

            var mask = 1u << (bit % 32);
            blocks[bit / 32].Valid |= mask;
            if (on)
            {
                blocks[bit / 32].Requested |= mask;
            }
        }

        return blocks;
    }

    /// <summary>The error for a feature name this kernel does not have, listing the names it has.</summary>
    public DscOffloadException UnknownFeature(string interfaceName, string name) =>
        new(ErrorKind.InvalidInput,
            $"the kernel has no feature named '{name}' (interface '{interfaceName}'); known features: {string.Join(", ", Names)}");
}
