using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Platform;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// <c>restart: Never</c> on a provider that reads the active value until the adapter restarts. The class pages do not
/// say whether setting data reads the written or the active value before a restart (open point 3 of
/// docs/windows-verification.md), so set reads back and reports what it finds: the written value as verified, the
/// old value as a pending restart (changed, not verified), never a silent success or a false failure.
/// </summary>
public sealed class NetAdapterOffloadRestartNeverReadBackTests
{
    private const string Desired = """{"name":"Ethernet 2","lsoIPv4":false,"ipsecOffload":true,"restart":"Never"}""";

    private static WindowsResourceHarness ActiveValueHost()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Cim.ReadsActiveValuesUntilRestart = true;
        return h;
    }

    [Fact]
    public void Never_OldValueReadsBack_ReportsChangedAndPendingRestartNotVerified()
    {
        var h = ActiveValueHost();

        var outcome = h.Set(Desired);

        outcome.ChangedProperties.Should().Equal("lsoIPv4", "ipsecOffload");
        var entry = WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet 2");
        entry["restartPending"]!.Value<bool>().Should().BeTrue();
        entry["inDesiredState"]!.Value<bool>().Should().BeFalse("Windows still reads the old values");
        h.MessagesAt(MessageLevel.Warning).Should().ContainSingle(m => m.Contains("lsoIPv4 still reads true") && m.Contains("ipsecOffload still reads false")
            && m.Contains("pending restart") && m.Contains("not verified"));
        h.Restarts("Ethernet 2").Should().Be(0);
        h.SettingData(FakeCimClassCatalog.Lso, "Ethernet 2").GetBoolean("IPv4Enabled").Should().BeTrue("not active before the restart");
    }

    [Fact]
    public void Never_ThenAllowed_RestartsOnceAndTheValuesBecomeActive()
    {
        var h = ActiveValueHost();
        h.Set(Desired);

        h.Test(Desired.Replace("Never", "Allowed", StringComparison.Ordinal)).InDesiredState.Should().BeFalse();
        var allowed = h.Set(Desired.Replace("Never", "Allowed", StringComparison.Ordinal));

        h.Restarts("Ethernet 2").Should().Be(1);
        WindowsResourceHarness.Entry(allowed.AfterState, "Ethernet 2")["inDesiredState"]!.Value<bool>().Should().BeTrue();
        h.SettingData(FakeCimClassCatalog.Lso, "Ethernet 2").GetBoolean("IPv4Enabled").Should().BeFalse();
        h.SettingData(FakeCimClassCatalog.IPsecOffload, "Ethernet 2").GetBoolean("Enabled").Should().BeTrue();
    }

    [Fact]
    public void Allowed_OnTheSameProvider_VerifiesAfterTheRestart()
    {
        var h = ActiveValueHost();

        var outcome = h.Set(Desired.Replace("Never", "Allowed", StringComparison.Ordinal));

        outcome.ChangedProperties.Should().Equal("lsoIPv4", "ipsecOffload");
        WindowsResourceHarness.Entry(outcome.AfterState, "Ethernet 2")["inDesiredState"]!.Value<bool>().Should().BeTrue();
        h.MessagesAt(MessageLevel.Warning).Should().BeEmpty();
    }

    [Fact]
    public void Never_ValueThatReadsBackAsSomethingElse_StillFailsVerification()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Cim.ReadsActiveValuesUntilRestart = true;
        var platform = new DriftingAfterWritePlatform(host.CreatePlatform());
        var resource = new WindowsNetAdapterOffloadResource(platform, live: false);

        // lsoIPv4 reads as before (pending), but checksumTcpIPv4 reads neither as written (TxEnabled) nor as before (RxTxEnabled).
        var act = () => resource.Set(JObject.Parse("""{"name":"Ethernet 2","lsoIPv4":false,"checksumTcpIPv4":"TxEnabled","restart":"Never"}"""), new OperationContext(_ => { }, host.HostName));

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("did not take effect").And.Contain("checksumTcpIPv4");
    }

    /// <summary>After a write, reports checksumTcpIPv4 as a value nobody wrote (the driver's own, say): "something else".</summary>
    private sealed class DriftingAfterWritePlatform(IWindowsOffloadPlatform inner) : IWindowsOffloadPlatform
    {
        private bool written;

        public string HostName => inner.HostName;

        public GlobalOffloadState ReadGlobal() => inner.ReadGlobal();

        public void WriteGlobal(GlobalOffloadState changes) => inner.WriteGlobal(changes);

        public IReadOnlyList<WindowsAdapterInfo> ListAdapters() => inner.ListAdapters();

        public WindowsAdapterOffloadState ReadAdapter(WindowsAdapterInfo adapter)
        {
            var state = inner.ReadAdapter(adapter);
            if (written)
            {
                state.Settings["checksumTcpIPv4"] = "RxEnabled";
            }

            return state;
        }

        public void WriteAdapter(WindowsAdapterInfo adapter, WindowsAdapterChange change)
        {
            inner.WriteAdapter(adapter, change);
            written = true;
        }

        public void RestartAdapter(WindowsAdapterInfo adapter) => inner.RestartAdapter(adapter);
    }
}
