using DscOffload.Core.Diagnostics;
using DscOffload.Core.Protocol;
using DscOffload.Core.Resources;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// Set changes one adapter at a time and stops at the first failure, reporting exactly what was already
/// changed; the command line maps that to exit code 7 (docs/safety.md, "Partial failure").
/// </summary>
public sealed class NetAdapterOffloadPartialFailureTests
{
    // Ethernet 2 has TCP/IPv4 checksum offload RxTxEnabled, Ethernet 3 TxEnabled: each needs one modify.
    private const string BothAdapters = """{"name":"Ethernet*","checksumTcpIPv4":"Disabled"}""";

    [Fact]
    public void Set_SecondAdapterFails_ReportsTheFirstAsChangedAndLeavesTheRestUntouched()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Cim.FailModify(2);

        var act = () => h.Set(BothAdapters);

        var error = act.Should().Throw<PartialApplyException>().Which;
        error.Kind.Should().Be(ErrorKind.PartiallyApplied);
        error.Message.Should().Contain("already changed: 'Ethernet 2' (checksumTcpIPv4)").And.Contain("the rest was not touched");
        error.Message.Should().NotContain("'Ethernet 3' (");
        error.Applied.ChangedProperties.Should().Equal("checksumTcpIPv4");
        var first = WindowsResourceHarness.Entry(error.Applied.AfterState, "Ethernet 2");
        first["checksumTcpIPv4"]!.Value<string>().Should().Be("Disabled");
        first["inDesiredState"]!.Value<bool>().Should().BeTrue();
        var second = WindowsResourceHarness.Entry(error.Applied.AfterState, "Ethernet 3");
        second["checksumTcpIPv4"]!.Value<string>().Should().Be("TxEnabled");
        second["inDesiredState"]!.Value<bool>().Should().BeFalse();
        WindowsResourceHarness.Entry(error.Applied.BeforeState, "Ethernet 2")["checksumTcpIPv4"]!.Value<string>().Should().Be("RxTxEnabled");

        h.SettingData(FakeCimClassCatalog.Checksum, "Ethernet 2")["TcpIPv4Enabled"]!.AsNumber().Should().Be(0);
        h.SettingData(FakeCimClassCatalog.Checksum, "Ethernet 3")["TcpIPv4Enabled"]!.AsNumber().Should().Be(1, "the failed adapter is untouched");
        h.Restarts("Ethernet 2").Should().Be(1);
        h.Restarts("Ethernet 3").Should().Be(0);
        h.Cim.Modifications.Should().ContainSingle();
    }

    [Fact]
    public void PartiallyApplied_MapsToExitCodeSevenInTheResourceProtocol()
    {
        ResourceExitCodes.For(ErrorKind.PartiallyApplied).Should().Be(ResourceExitCode.PartiallyApplied);
        ((int)ResourceExitCode.PartiallyApplied).Should().Be(7);
    }

    [Fact]
    public void ResourceSet_SecondAdapterFails_ExitsWithSevenAndAnErrorLineNamingWhatChanged()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.FailModify(2);
        var platform = host.CreatePlatform();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var runner = new ResourceProtocolRunner(new ResourceCatalog([new GlobalOffloadProvider(), new WindowsNetAdapterOffloadProvider()]), stdout, new StderrMessageWriter(stderr, "warn"),
            p => p is WindowsNetAdapterOffloadProvider ? new WindowsNetAdapterOffloadResource(platform, live: false) : throw new InvalidOperationException(p.Descriptor.Type));

        var exit = runner.Run(ResourceOperation.Set, WindowsNetAdapterOffloadDescriptor.TypeName, BothAdapters, whatIf: false);

        exit.Should().Be(7);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        lines.Should().ContainSingle(l => l["error"] != null).Which["error"]!.Value<string>().Should().Contain("'Ethernet 2' (checksumTcpIPv4)");
        host.Cim.SettingData(FakeCimClassCatalog.Checksum, host.Adapter("Ethernet 3").InterfaceDescription)!["TcpIPv4Enabled"]!.AsNumber().Should().Be(1);
    }

    [Fact]
    public void Set_FirstAdapterFailsBeforeWritingAnything_IsThePlainFailureNotPartial()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Cim.FailModify(1, CimFailure.InvalidParameter);

        var act = () => h.Set(BothAdapters);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Should().NotBeOfType<PartialApplyException>();
        error.Kind.Should().Be(ErrorKind.NotSupported);
        h.Restarts("Ethernet 2").Should().Be(0);
        h.Restarts("Ethernet 3").Should().Be(0);
    }

    [Fact]
    public void Set_SecondModifyWithinOneAdapterFails_ReportsExactlyTheWrittenPartAsChangedAndPendingRestart()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Cim.FailModify(2);

        var act = () => h.Set("""{"name":"Ethernet 2","lsoIPv4":false,"lsoIPv6":false,"checksumTcpIPv4":"Disabled"}""");

        var error = act.Should().Throw<PartialApplyException>().Which;
        error.Applied.ChangedProperties.Should().Equal("lsoIPv4", "lsoIPv6");
        error.Message.Should().Contain("'Ethernet 2' (lsoIPv4, lsoIPv6)");
        error.Message.Should().Contain("not restarted");
        var entry = WindowsResourceHarness.Entry(error.Applied.AfterState, "Ethernet 2");
        entry["lsoIPv4"]!.Value<bool>().Should().BeFalse();
        entry["checksumTcpIPv4"]!.Value<string>().Should().Be("RxTxEnabled");
        entry["differingProperties"]!.Values<string>().Should().Equal("checksumTcpIPv4");
        entry["restartPending"]!.Value<bool>().Should().BeTrue("the LSO values are written but the miniport reads them at its next restart");
        h.Restarts("Ethernet 2").Should().Be(0, "set stops at the failure");
        h.SettingData(FakeCimClassCatalog.Lso, "Ethernet 2")["IPv4Enabled"]!.AsBoolean().Should().BeFalse();
        h.SettingData(FakeCimClassCatalog.Checksum, "Ethernet 2")["TcpIPv4Enabled"]!.AsNumber().Should().Be(3);
    }

    [Fact]
    public void Set_RestartFailsAfterTheWrite_ReportsTheWrittenChangesAsPendingRestart()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Cim.SetReturnValue(FakeCimClassCatalog.NetAdapter, "Restart", 31);

        var act = () => h.Set("""{"name":"Ethernet*","rss":false}""");

        var error = act.Should().Throw<PartialApplyException>().Which;
        error.Applied.ChangedProperties.Should().Equal("rss");
        error.Message.Should().Contain("restart").And.Contain("'Ethernet 2' (rss)");
        WindowsResourceHarness.Entry(error.Applied.AfterState, "Ethernet 2")["restartPending"]!.Value<bool>().Should().BeTrue();
        h.SettingData(FakeCimClassCatalog.Rss, "Ethernet 2")["Enabled"]!.AsBoolean().Should().BeFalse();
    }
}
