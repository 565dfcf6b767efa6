using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Versions;

/// <summary>
/// The live platform reads the host's build from <c>Win32_OperatingSystem.BuildNumber</c> (a string, "17763"), once;
/// a host that does not give one has an unknown build rather than a failed operation.
/// </summary>
public sealed class OsBuildReadTests
{
    [Fact]
    public void ReadOsBuild_ReadsBuildNumberOnce()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.SetOsVersion("10.0.17763");
        var platform = host.CreatePlatform();

        var first = platform.ReadOsBuild();
        var second = platform.ReadOsBuild();

        first.Should().Be(17763);
        second.Should().Be(17763);
        host.Cim.QueryCount(FakeCimClassCatalog.OperatingSystem).Should().Be(1);
    }

    [Fact]
    public void ReadOsBuild_WithoutTheClass_IsUnknown()
    {
        FakeWindowsHost.Load("x710-server.json").CreatePlatform().ReadOsBuild().Should().BeNull();
    }

    [Fact]
    public void ReadOsBuild_WhenReadsAreDenied_IsUnknownRatherThanAFailure()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.SetOsVersion("10.0.17763");
        host.Cim.DenyReads = true;

        host.CreatePlatform().ReadOsBuild().Should().BeNull();
    }
}
