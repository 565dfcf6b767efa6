using CsCheck;
using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Interop;
using DscOffload.Linux.Tests.Fakes;

namespace DscOffload.Linux.Tests.Interop;

public sealed class EthtoolStringSetTests
{
    private static readonly EthtoolStringSet Linux618 = new(KernelFeatureNames.Linux618);

    [Fact]
    public void BlockCount_IsTheNumberOf32BitBlocksForAllBits()
    {
        Linux618.BitCount.Should().Be(64);
        Linux618.BlockCount.Should().Be(2);
        EthtoolStringSet.BlocksFor(65).Should().Be(3);
        EthtoolStringSet.BlocksFor(32).Should().Be(1);
    }

    [Fact]
    public void BuildSetBlocks_PutsEachNameAtItsStringSetPosition()
    {
        // In the 6.18 string set rx-checksum is bit 40 (block 1, bit 8) and tx-scatter-gather bit 0.
        var blocks = Linux618.BuildSetBlocks("v0", [new("rx-checksum", true), new("tx-scatter-gather", false)]);

        blocks.Should().HaveCount(2);
        blocks[0].Should().Be(new EthtoolSetFeaturesBlock { Valid = 1u << 0, Requested = 0 });
        blocks[1].Should().Be(new EthtoolSetFeaturesBlock { Valid = 1u << 8, Requested = 1u << 8 });
    }

    [Fact]
    public void BuildSetBlocks_FollowsTheNamesWhenBitsMove()
    {
        var reordered = new EthtoolStringSet(["rx-gro", "", "tx-tcp-segmentation"]);

        var blocks = reordered.BuildSetBlocks("v0", [new("tx-tcp-segmentation", true)]);

        blocks.Should().Equal(new EthtoolSetFeaturesBlock { Valid = 1u << 2, Requested = 1u << 2 });
    }

    [Fact]
    public void BuildSetBlocks_MatchesWantedNamesForAnySubset()
    {
        var named = KernelFeatureNames.Linux618.Where(n => n.Length > 0).ToArray();
        Gen.Bool.Array[named.Length].Select(Gen.Bool.Array[named.Length]).Sample((include, on) =>
        {
            var wanted = named.Where((_, i) => include[i]).Select((n, i) => new KeyValuePair<string, bool>(n, on[i])).ToList();

            var blocks = Linux618.BuildSetBlocks("v0", wanted);

            for (var bit = 0; bit < KernelFeatureNames.Linux618.Count; bit++)
            {
                var mask = 1u << (bit % 32);
                var entry = wanted.FirstOrDefault(w => w.Key == KernelFeatureNames.Linux618[bit]);
                ((blocks[bit / 32].Valid & mask) != 0).Should().Be(entry.Key is not null);
                ((blocks[bit / 32].Requested & mask) != 0).Should().Be(entry.Key is not null && entry.Value);
            }
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("tso")]
    [InlineData("TX-TCP-SEGMENTATION")]
    public void BuildSetBlocks_NameNotInTheStringSet_IsInvalidInput(string name)
    {
        var act = () => Linux618.BuildSetBlocks("v0", [new(name, true)]);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput && e.Message.Contains($"'{name}'"));
    }

    [Fact]
    public void Decode_ReadsTheFourViewsAndSkipsUnusedBits()
    {
        var set = new EthtoolStringSet(["a", "", "b"]);
        EthtoolGetFeaturesBlock[] blocks = [new() { Available = 0b001, Requested = 0b100, Active = 0b101, NeverChanged = 0b110 }];

        var features = set.Decode(blocks);

        features.Features.Should().Equal(
            new DscOffload.Linux.Platform.EthtoolFeatureState("a", Changeable: true, Requested: false, Active: true, NeverChangeable: false),
            new DscOffload.Linux.Platform.EthtoolFeatureState("b", Changeable: false, Requested: true, Active: true, NeverChangeable: true));
    }
}
