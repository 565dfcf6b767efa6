using DscOffload.Linux.Persistence;

namespace DscOffload.Linux.Tests.Persistence;

public class NetworkManagerFeatureKeysTests
{
    [Theory]
    [InlineData("rx-gro", "feature-gro")]
    [InlineData("tx-generic-segmentation", "feature-gso")]
    [InlineData("rx-checksum", "feature-rx")]
    [InlineData("tx-tcp-segmentation", "feature-tx-tcp-segmentation")]
    [InlineData("tx-scatter-gather", "feature-tx-scatter-gather")]
    [InlineData("tx-checksum-ipv4", "feature-tx-checksum-ipv4")]
    [InlineData("rx-udp_tunnel-port-offload", "feature-rx-udp_tunnel-port-offload")]
    [InlineData("tx-tcp-accecn-segmentation", null)]
    [InlineData("tx-lockless", null)]
    public void KeyFor_IsTheDocumentedKeySettingExactlyThatFeature(string feature, string? key) =>
        NetworkManagerFeatureKeys.KeyFor(feature).Should().Be(key);

    [Fact]
    public void FeaturesOf_AShortNameCoveringSeveralFeatures_NamesThemAll()
    {
        NetworkManagerFeatureKeys.FeaturesOf("feature-tso").Should().BeEquivalentTo(
            "tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation");
        NetworkManagerFeatureKeys.FeaturesOf("feature-unknown").Should().BeEmpty();
        NetworkManagerFeatureKeys.FeaturesOf("mtu").Should().BeEmpty();
    }
}
