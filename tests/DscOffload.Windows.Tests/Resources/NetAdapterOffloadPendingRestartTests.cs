using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Resources;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// A restart left pending is remembered across runs (<see cref="PendingRestartLedger"/>): under restart Allowed the
/// adapter is not in desired state until a set restarts it, even though its written values already read back.
/// Every run below is a new resource over the same fake host and ledger, as separate processes would be.
/// </summary>
public sealed class NetAdapterOffloadPendingRestartTests : IDisposable
{
    private const string LsoOff = """{"name":"Ethernet 2","lsoIPv4":false,"lsoIPv6":false RESTART}""";
    private static readonly DateTimeOffset Boot = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("dscoffload-pending-");
    private readonly FakeWindowsHost _host = FakeWindowsHost.Load("x710-server.json");
    private DateTimeOffset _bootTime = Boot;

    public void Dispose() => _state.Delete(recursive: true);

    private PendingRestartLedger Ledger() => new(_state.FullName, () => _bootTime);

    private WindowsResourceHarness Run() => new(_host, Ledger());

    private static string Desired(string restart) => LsoOff.Replace(" RESTART", restart.Length == 0 ? "" : $",\"restart\":\"{restart}\"");

    private string AdapterGuid => _host.Adapter("Ethernet 2").InterfaceGuid;

    [Fact]
    public void Set_WithRestartNever_RemembersThePendingRestart()
    {
        Run().Set(Desired("Never"));

        Ledger().IsPending(AdapterGuid).Should().BeTrue();
        Ledger().IsPending(AdapterGuid.ToLowerInvariant()).Should().BeTrue("GUIDs compare without case");
        Ledger().IsPending(_host.Adapter("Ethernet 3").InterfaceGuid).Should().BeFalse("nothing was written to it");
    }

    [Fact]
    public void Test_AfterAPendingRestart_IsNotInDesiredStateUnderAllowed_ButIsUnderNever()
    {
        Run().Set(Desired("Never"));

        var allowed = Run().Test(Desired(""));
        var never = Run().Test(Desired("Never"));

        allowed.InDesiredState.Should().BeFalse();
        allowed.DifferingProperties.Should().Equal("restartPending");
        WindowsResourceHarness.Entry(allowed.ActualState, "Ethernet 2")["restartPending"]!.Value<bool>().Should().BeTrue();
        never.InDesiredState.Should().BeTrue("restart Never accepts a pending restart");
    }

    [Fact]
    public void Set_UnderAllowedAfterAPendingRestart_RestartsOnceWithoutWriting_ThenIsDone()
    {
        Run().Set(Desired("Never"));
        var writes = _host.Cim.Modifications.Count;

        var restart = Run();
        var outcome = restart.Set(Desired("Allowed"));

        outcome.ChangedProperties.Should().Equal("restartPending");
        restart.Restarts("Ethernet 2").Should().Be(1);
        _host.Cim.Modifications.Should().HaveCount(writes, "the values were already written");
        Ledger().IsPending(AdapterGuid).Should().BeFalse();

        var again = Run();
        again.Set(Desired("Allowed")).ChangedNothing.Should().BeTrue();
        again.Restarts("Ethernet 2").Should().Be(1, "no second restart");
    }

    [Fact]
    public void APendingRestartFromAnEarlierBoot_IsForgotten()
    {
        Run().Set(Desired("Never"));

        _bootTime = Boot.AddHours(5);
        var h = Run();

        h.Test(Desired("")).InDesiredState.Should().BeTrue("the host restarted, and every adapter with it");
        h.Set(Desired("")).ChangedNothing.Should().BeTrue();
        h.Restarts("Ethernet 2").Should().Be(0);
    }

    [Fact]
    public void Set_WhoseRestartFails_RemembersThePendingRestart_AndTheNextSetRetriesIt()
    {
        var failing = Run();
        _host.Cim.SetReturnValue(FakeCimClassCatalog.NetAdapter, "Restart", 31);

        var act = () => failing.Set(Desired(""));

        act.Should().Throw<DscOffloadException>();
        Ledger().IsPending(AdapterGuid).Should().BeTrue();
        _host.Cim.SetReturnValue(FakeCimClassCatalog.NetAdapter, "Restart", 0);
        var retry = Run();
        retry.Set(Desired("")).ChangedProperties.Should().Equal("restartPending");
        Ledger().IsPending(AdapterGuid).Should().BeFalse();
    }

    [Fact]
    public void Export_DoesNotCarryRestartPending()
    {
        Run().Set(Desired("Never"));

        var exported = Run().Adapters.Export([], new OperationContext(_ => { }, "test")).ToList();

        exported.Should().NotBeEmpty().And.OnlyContain(i => i["restartPending"] == null);
    }

    [Fact]
    public void ALedgerThatIsNotOne_IsReportedWithItsPath()
    {
        File.WriteAllText(Path.Combine(_state.FullName, PendingRestartLedger.FileName), "[1, 2]");

        var act = () => Ledger().IsPending(AdapterGuid);

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidInput && e.OneLine.Contains(PendingRestartLedger.FileName + ":1:1") && e.Message.Contains("delete it"));
    }

    [Fact]
    public void WithoutALedger_NothingIsRemembered()
    {
        new WindowsResourceHarness(_host).Set(Desired("Never"));

        var h = new WindowsResourceHarness(_host);
        h.Test(Desired("")).InDesiredState.Should().BeTrue();
        Directory.EnumerateFileSystemEntries(_state.FullName).Should().BeEmpty();
    }
}
