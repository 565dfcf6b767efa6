namespace DscOffload.Linux.Platform;

/// <summary>
/// One kernel feature of one device, as <c>ETHTOOL_GFEATURES</c> reports it.
/// </summary>
/// <param name="Name">The kernel feature name from the <c>ETH_SS_FEATURES</c> string set.</param>
/// <param name="Changeable">The device allows changing it (ethtool shows the others as <c>[fixed]</c>).</param>
/// <param name="Requested">What was last requested.</param>
/// <param name="Active">What is in effect: the only value that counts when comparing with desired state.</param>
/// <param name="NeverChangeable">Not changeable for any device (<c>NETIF_F_NEVER_CHANGE</c>).</param>
internal readonly record struct EthtoolFeatureState(string Name, bool Changeable, bool Requested, bool Active, bool NeverChangeable);
