using System.Runtime.InteropServices;
using DscOffload.Linux.Interop;

namespace DscOffload.Linux.Tests.Interop;

public sealed class InterfaceRequestTests
{
    [Theory]
    [InlineData("lo")]
    [InlineData("enp3s0f1np1")]
    [InlineData("fifteen-chars15")]
    public void TryCreate_ValidName_WritesItNulTerminated(string name)
    {
        InterfaceRequest.TryCreate(name, out var request).Should().BeTrue();

        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<InterfaceRequest>(in request))[..InterfaceRequest.NameCapacity];
        bytes[..name.Length].ToArray().Should().Equal(System.Text.Encoding.UTF8.GetBytes(name));
        bytes[name.Length..].ToArray().Should().OnlyContain(b => b == 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sixteen-chars-16")]
    [InlineData("nul\0inside")]
    public void TryCreate_NameNoInterfaceCanHave_IsRefused(string name)
    {
        InterfaceRequest.TryCreate(name, out _).Should().BeFalse();
    }
}
