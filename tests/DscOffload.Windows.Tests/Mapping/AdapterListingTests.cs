using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Mapping;

public class AdapterListingTests
{
    [Fact]
    public void ListAdapters_IncludesHiddenAdapters_SortedByName()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var adapters = host.CreatePlatform().ListAdapters();

        adapters.Select(a => a.Name).Should().Equal(host.Adapters.Select(a => a.Name).Order(StringComparer.OrdinalIgnoreCase));
        adapters.Should().ContainSingle(a => a.Hidden).Which.InterfaceDescription.Should().Be("Microsoft Kernel Debug Network Adapter");
        adapters.Should().BeEquivalentTo(host.Adapters);
        host.Cim.Queries.Should().ContainSingle().Which.Options.Should().ContainKey("IncludeHidden");
    }

    [Fact]
    public void ListAdapters_WithoutNetAdapterClass_UsesWin32NetworkAdapterAndItsConnectionNames()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");

        var adapters = host.CreatePlatform().ListAdapters();

        adapters.Should().BeEquivalentTo(host.Adapters);
        adapters.Select(a => a.Name).Should().BeInAscendingOrder(StringComparer.OrdinalIgnoreCase);
        adapters.Single(a => a.Hidden).Name.Should().Be("WAN Miniport (IP)");
    }
}
