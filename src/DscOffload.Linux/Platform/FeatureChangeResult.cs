namespace DscOffload.Linux.Platform;

/// <summary>
/// What <c>ETHTOOL_SFEATURES</c> said about a request. The caller still reads back the active state;
/// these flags explain why it may differ.
/// </summary>
/// <param name="SomeUnsupported"><c>ETHTOOL_F_UNSUPPORTED</c>: some requested bits are not changeable and were ignored.</param>
/// <param name="Wish"><c>ETHTOOL_F_WISH</c>: the request was recorded but the active state differs (device constraints).</param>
internal sealed record FeatureChangeResult(bool SomeUnsupported, bool Wish);
