using DscOffload.Linux.Interop;
using DscOffload.Linux.Live;

namespace DscOffload.Linux.Tests.Interop;

public sealed class HardwareAddressFormatTests
{
    [Fact]
    public void FormatHardwareAddress_WritesLowercaseColonSeparatedHex()
    {
        LiveEthtoolDevices.FormatHardwareAddress([0x52, 0x54, 0x00, 0xAB, 0xcd, 0x0f]).Should().Be("52:54:00:ab:cd:0f");
    }

    [Fact]
    public void FormatHardwareAddress_EmptyOrAllZero_MeansNotSet()
    {
        LiveEthtoolDevices.FormatHardwareAddress([]).Should().BeNull();
        LiveEthtoolDevices.FormatHardwareAddress(new byte[6]).Should().BeNull();
    }

    [Theory]
    [InlineData(19, "ENODEV (19)")]
    [InlineData(95, "EOPNOTSUPP (95)")]
    [InlineData(4242, "errno (4242)")]
    public void Errno_DescribesNameAndNumber(int errno, string expected)
    {
        Errno.Describe(errno).Should().Be(expected);
    }
}
