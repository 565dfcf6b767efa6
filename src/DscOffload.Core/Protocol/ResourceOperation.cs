namespace DscOffload.Core.Protocol;

/// <summary>The operations of the DSC command-resource protocol.</summary>
internal enum ResourceOperation
{
    /// <summary>Print the actual state as one JSON value.</summary>
    Get,

    /// <summary>Print the actual state and the differing property names (stateAndDiff).</summary>
    Test,

    /// <summary>Apply (or with --what-if predict) and print the after-state and changed property names.</summary>
    Set,

    /// <summary>Print one instance per line.</summary>
    Export,

    /// <summary>Print the JSON Schema.</summary>
    Schema,
}
