using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DscOffload.Linux.Interop;

namespace DscOffload.Linux.Tests.Interop;

/// <summary>The managed structs must match the kernel's C layouts byte for byte (sizes from include/uapi/linux/ethtool.h on LP64).</summary>
public sealed class StructLayoutTests
{
    public static TheoryData<string, int, int> Sizes => new()
    {
        { nameof(EthtoolChannels), Unsafe.SizeOf<EthtoolChannels>(), 36 },
        { nameof(EthtoolGetFeaturesBlock), Unsafe.SizeOf<EthtoolGetFeaturesBlock>(), 16 },
        { nameof(EthtoolSetFeaturesBlock), Unsafe.SizeOf<EthtoolSetFeaturesBlock>(), 8 },
        { nameof(EthtoolFeaturesHeader), Unsafe.SizeOf<EthtoolFeaturesHeader>(), 8 },
        { nameof(EthtoolStringsHeader), Unsafe.SizeOf<EthtoolStringsHeader>(), 12 },
        { nameof(EthtoolPermanentAddressHeader), Unsafe.SizeOf<EthtoolPermanentAddressHeader>(), 8 },
        { nameof(InterfaceNameIndexEntry), Unsafe.SizeOf<InterfaceNameIndexEntry>(), 8 + IntPtr.Size },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Struct_HasTheKernelSize(string name, int actual, int expected)
    {
        actual.Should().Be(expected, $"{name} is passed to the kernel as raw bytes");
    }

    [Fact]
    public void InterfaceRequest_Is40BytesWithTheUnionAtOffset16()
    {
        Unsafe.SizeOf<InterfaceRequest>().Should().Be(40);
        Marshal.SizeOf<InterfaceRequest>().Should().Be(40);
        Marshal.OffsetOf<InterfaceRequest>(nameof(InterfaceRequest.Data)).Should().Be(16);
        Marshal.OffsetOf<InterfaceRequest>(nameof(InterfaceRequest.IfIndex)).Should().Be(16);
        Marshal.OffsetOf<InterfaceRequest>(nameof(InterfaceRequest.Flags)).Should().Be(16);
    }

    [Fact]
    public void StringSetInfo_HasItsCountRightAfterThe16ByteHeader()
    {
        Marshal.OffsetOf<EthtoolStringSetInfo>(nameof(EthtoolStringSetInfo.StringSetMask)).Should().Be(8);
        Marshal.OffsetOf<EthtoolStringSetInfo>(nameof(EthtoolStringSetInfo.Count)).Should().Be(16);
    }

    [Fact]
    public void Channels_KeepsTheKernelFieldOrder()
    {
        string[] order =
        [
            nameof(EthtoolChannels.Cmd), nameof(EthtoolChannels.MaxRx), nameof(EthtoolChannels.MaxTx), nameof(EthtoolChannels.MaxOther),
            nameof(EthtoolChannels.MaxCombined), nameof(EthtoolChannels.RxCount), nameof(EthtoolChannels.TxCount),
            nameof(EthtoolChannels.OtherCount), nameof(EthtoolChannels.CombinedCount),
        ];

        order.Select(field => (int)Marshal.OffsetOf<EthtoolChannels>(field)).Should().Equal(Enumerable.Range(0, 9).Select(i => i * 4));
    }

    [Fact]
    public void BlittableStructs_HaveTheSameManagedAndMarshalledSize()
    {
        Marshal.SizeOf<EthtoolChannels>().Should().Be(Unsafe.SizeOf<EthtoolChannels>());
        Marshal.SizeOf<EthtoolGetFeaturesBlock>().Should().Be(Unsafe.SizeOf<EthtoolGetFeaturesBlock>());
        Marshal.SizeOf<EthtoolStringSetInfo>().Should().Be(Unsafe.SizeOf<EthtoolStringSetInfo>());
    }
}
