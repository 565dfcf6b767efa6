using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// Numeric advanced properties are checked against the range and step that
/// MSFT_NetAdapterAdvancedPropertySettingData documents (NumericParameterMinValue, NumericParameterMaxValue,
/// NumericParameterStepValue; learn.microsoft.com, windows/win32/fwp/wmi/netadaptercimprov/
/// msft-netadapteradvancedpropertysettingdata) on every path, before anything changes. The x710 fake's
/// *ReceiveBuffers is 128..4096 in steps of 8, as the Intel INF gives it.
/// </summary>
public sealed class NetAdapterOffloadNumericRangeTests
{
    [Theory]
    [InlineData("2050")]
    [InlineData("8192")]
    [InlineData("120")]
    [InlineData("many")]
    public void EveryPath_ValueOutsideTheDocumentedRangeOrStep_IsRefusedNamingItAndChangesNothing(string value)
    {
        var h = new WindowsResourceHarness("x710-server.json");
        var json = $$$"""{"name":"Ethernet 2","advancedProperties":{"*ReceiveBuffers":"{{{value}}}"}}""";

        foreach (var act in new Action[] { () => h.Test(json), () => h.WhatIf(json), () => h.Set(json) })
        {
            var error = act.Should().Throw<DscOffloadException>().Which;
            error.Kind.Should().Be(ErrorKind.NotSupported);
            error.Message.Should().Contain($"'{value}'").And.Contain("*ReceiveBuffers").And.Contain("128..4096 in steps of 8");
        }

        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void Test_ValueOffTheStepInADocument_PointsAtItsLine()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        var desired = (JObject)StructuredTextParser.Parse("name: Ethernet 2\nadvancedProperties:\n  '*ReceiveBuffers': '130'\n", "baseline.dsc.yaml");

        var act = () => h.Adapters.Test(desired, h.Context());

        act.Should().Throw<DscOffloadException>().Which.OneLine.Should().StartWith("baseline.dsc.yaml:3:");
    }

    [Fact]
    public void Set_ValueOnAStepWithinTheRange_IsWritten()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        h.Set("""{"name":"Ethernet 2","advancedProperties":{"*ReceiveBuffers":"2056"}}""");

        h.Platform.ReadAdapter(h.Host.Adapter("Ethernet 2")).AdvancedProperties["*ReceiveBuffers"].Should().Be("2056");
    }

    [Fact]
    public void ReadAdapter_NumericKeyword_CarriesTheDocumentedRange()
    {
        var host = FakeWindowsHost.Load("x710-server.json");

        var state = host.CreatePlatform().ReadAdapter(host.Adapter("Ethernet 2"));

        state.AdvancedPropertyRanges["*ReceiveBuffers"].Should().Be(new NumericKeywordRange(128, 4096, 8));
        state.AdvancedPropertyRanges.Should().NotContainKey("*JumboPacket", "an enumerated keyword has no numeric range");
    }

    [Fact]
    public void WriteAdapter_ValueOffTheStep_IsRefusedBeforeTheProviderSeesIt()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var change = new WindowsAdapterChange();
        change.AdvancedProperties["*ReceiveBuffers"] = "130";

        var act = () => host.CreatePlatform().WriteAdapter(host.Adapter("Ethernet 2"), change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
        host.Cim.Modifications.Should().BeEmpty();
    }
}
