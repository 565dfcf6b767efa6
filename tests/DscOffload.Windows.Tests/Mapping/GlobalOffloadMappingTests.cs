using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Registry;
using DscOffload.Windows.Tests.Fakes;

namespace DscOffload.Windows.Tests.Mapping;

public class GlobalOffloadMappingTests
{
    public static TheoryData<string, string, string> EverySettingValue()
    {
        var data = new TheoryData<string, string, string>();
        var properties = new Dictionary<string, string>
        {
            ["chimney"] = "Chimney",
            ["receiveSideScaling"] = "ReceiveSideScaling",
            ["receiveSegmentCoalescing"] = "ReceiveSegmentCoalescing",
            ["taskOffload"] = "TaskOffload",
            ["packetCoalescingFilter"] = "PacketCoalescingFilter",
            ["networkDirect"] = "NetworkDirect",
        };
        foreach (var (name, property) in properties)
        {
            string[] values = name == "chimney" ? ["Disabled", "Enabled", "Automatic"] : ["Disabled", "Enabled"];
            foreach (var value in values)
            {
                data.Add(name, property, value);
            }
        }

        return data;
    }

    [Fact]
    public void ReadGlobal_MapsEachUint8PropertyToTheCmdletEnumName()
    {
        var host = FakeWindowsHost.Load("realtek-client.json");
        var instance = host.Cim.InstancesOf(FakeCimClassCatalog.GlobalSetting).Single();

        var state = host.CreatePlatform().ReadGlobal();

        state.Settings.Should().HaveCount(6);
        state.Settings["chimney"].Should().Be(new[] { "Disabled", "Enabled", "Automatic" }[(int)instance.GetNumber("Chimney")!.Value]);
        state.Settings["packetCoalescingFilter"].Should().Be(instance.GetNumber("PacketCoalescingFilter") == 1 ? "Enabled" : "Disabled");
        state.Settings["receiveSideScaling"].Should().Be("Enabled");
    }

    [Fact]
    public void ReadGlobal_PropertyMissingOnThisWindowsVersion_IsAbsent()
    {
        var host = FakeWindowsHost.FromJson(Newtonsoft.Json.Linq.JObject.Parse("""
            { "hostName": "WS2012", "cimClasses": ["MSFT_NetOffloadGlobalSetting"],
              "globalSetting": { "ReceiveSideScaling": 0, "Chimney": 2, "TaskOffload": 1, "NetworkDirect": 1 } }
            """));

        var state = host.CreatePlatform().ReadGlobal();

        state.Settings.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["receiveSideScaling"] = "Disabled",
            ["chimney"] = "Automatic",
            ["taskOffload"] = "Enabled",
            ["networkDirect"] = "Enabled",
        });
    }

    [Fact]
    public void WriteGlobal_PropertyMissingOnThisWindowsVersion_IsNotSupportedAndWritesNothing()
    {
        var host = FakeWindowsHost.FromJson(Newtonsoft.Json.Linq.JObject.Parse("""
            { "hostName": "WS2012", "cimClasses": ["MSFT_NetOffloadGlobalSetting"], "globalSetting": { "Chimney": 2 } }
            """));
        var change = new GlobalOffloadState();
        change.Settings["chimney"] = "Disabled";
        change.Settings["packetCoalescingFilter"] = "Disabled";

        var act = () => host.CreatePlatform().WriteGlobal(change);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain("packetCoalescingFilter").And.NotContain("chimney");
        host.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void ReadGlobal_ClassMissing_HasNoSettingsButStillReadsTheRegistry()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");

        var state = host.CreatePlatform().ReadGlobal();

        state.Settings.Should().BeEmpty();
        state.TcpipParameters.Should().BeEquivalentTo(new Dictionary<string, bool?>
        {
            ["enableTCPChimney"] = false,
            ["enableRSS"] = true,
            ["enableTCPA"] = false,
            ["disableTaskOffload"] = null,
        });
    }

    [Fact]
    public void ReadGlobal_TcpipValuesMissing_ReadAsNull()
    {
        var state = FakeWindowsHost.Load("x710-server.json").CreatePlatform().ReadGlobal();

        state.TcpipParameters.Should().HaveCount(4).And.OnlyContain(p => p.Value == null);
    }

    [Theory]
    [MemberData(nameof(EverySettingValue))]
    public void WriteGlobal_EachSettingAndValue_ModifiesTheUint8PropertyAndReadsBack(string name, string property, string value)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var platform = host.CreatePlatform();
        var change = new GlobalOffloadState();
        change.Settings[name] = value;

        platform.WriteGlobal(change);

        platform.ReadGlobal().Settings[name].Should().Be(value);
        var stored = host.Cim.InstancesOf(FakeCimClassCatalog.GlobalSetting).Single()[property]!;
        stored.Type.Should().Be(CimValueType.UInt8);
        host.Cim.Modifications.Should().ContainSingle().Which.Changes.Keys.Should().Equal(property);
    }

    [Fact]
    public void WriteGlobal_SeveralSettings_UsesOneModifyOfTheSingleInstance()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var change = new GlobalOffloadState();
        change.Settings["chimney"] = "Disabled";
        change.Settings["receiveSideScaling"] = "Disabled";
        change.Settings["taskOffload"] = "Disabled";

        host.CreatePlatform().WriteGlobal(change);

        host.Cim.Modifications.Should().ContainSingle().Which.Changes.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["Chimney"] = (byte)0,
            ["ReceiveSideScaling"] = (byte)0,
            ["TaskOffload"] = (byte)0,
        });
    }

    [Theory]
    [InlineData("enableTCPChimney", "EnableTCPChimney")]
    [InlineData("enableRSS", "EnableRSS")]
    [InlineData("enableTCPA", "EnableTCPA")]
    [InlineData("disableTaskOffload", "DisableTaskOffload")]
    public void WriteGlobal_TcpipParameter_WritesDwordOneOrZeroAndNullDeletes(string name, string valueName)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var platform = host.CreatePlatform();

        foreach (var value in new bool?[] { true, false, null })
        {
            var change = new GlobalOffloadState();
            change.TcpipParameters[name] = value;
            platform.WriteGlobal(change);

            var stored = host.Registry.Read(FakeWindowsHost.TcpipParametersKey, valueName);
            if (value is null)
            {
                stored.Should().BeNull();
            }
            else
            {
                stored!.Kind.Should().Be(RegistryDataKind.DWord);
                stored.Number.Should().Be(value.Value ? 1UL : 0UL);
            }

            platform.ReadGlobal().TcpipParameters[name].Should().Be(value);
        }

        host.Cim.Modifications.Should().BeEmpty();
    }

    [Theory]
    [InlineData("chimney", "Off")]
    [InlineData("receiveSideScaling", "Automatic")]
    [InlineData("netDma", "Disabled")]
    public void WriteGlobal_UnknownNameOrValue_IsValidationFailedAndWritesNothing(string name, string value)
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        var change = new GlobalOffloadState();
        change.TcpipParameters["enableRSS"] = false;
        change.Settings[name] = value;

        var act = () => host.CreatePlatform().WriteGlobal(change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ValidationFailed);
        host.Cim.Modifications.Should().BeEmpty();
        host.Registry.Writes.Should().BeEmpty();
    }

    [Fact]
    public void WriteGlobal_ClassMissing_IsNotSupported()
    {
        var host = FakeWindowsHost.Load("server2008r2.json");
        var change = new GlobalOffloadState();
        change.Settings["chimney"] = "Disabled";

        var act = () => host.CreatePlatform().WriteGlobal(change);

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
    }

    [Fact]
    public void WriteGlobal_NotElevated_IsElevationRequiredForCimAndRegistry()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.Elevated = false;
        host.Registry.Elevated = false;
        var platform = host.CreatePlatform();
        var cimChange = new GlobalOffloadState();
        cimChange.Settings["chimney"] = "Disabled";
        var registryChange = new GlobalOffloadState();
        registryChange.TcpipParameters["enableTCPA"] = false;

        platform.Invoking(p => p.WriteGlobal(cimChange)).Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
        platform.Invoking(p => p.WriteGlobal(registryChange)).Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
    }

    [Fact]
    public void ReadGlobal_QueryDenied_IsElevationRequired()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.DenyReads = true;

        host.CreatePlatform().Invoking(p => p.ReadGlobal()).Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
    }

    [Fact]
    public void WriteGlobal_RegistryFailsAfterCimWrite_ReportsExactlyWhatWasApplied()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Registry.FailWrite(2);
        var change = new GlobalOffloadState();
        change.Settings["chimney"] = "Disabled";
        change.TcpipParameters["enableTCPChimney"] = false;
        change.TcpipParameters["enableRSS"] = false;

        var act = () => host.CreatePlatform().WriteGlobal(change);

        var error = act.Should().Throw<PartialGlobalWriteException>().Which;
        error.Kind.Should().Be(ErrorKind.Unexpected);
        error.Applied.Settings.Should().BeEquivalentTo(new Dictionary<string, string> { ["chimney"] = "Disabled" });
        error.Applied.TcpipParameters.Should().BeEquivalentTo(new Dictionary<string, bool?> { ["enableTCPChimney"] = false });
    }
}
