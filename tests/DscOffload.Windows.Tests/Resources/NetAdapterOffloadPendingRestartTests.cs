using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Windows.Persistence;
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
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("dscoffload-pending-");
    private readonly FakeWindowsHost _host = FakeWindowsHost.Load("x710-server.json");
    private TimeSpan _uptime = TimeSpan.FromHours(3);

    public void Dispose() => _state.Delete(recursive: true);

    private PendingRestartLedger Ledger() => new(_state.FullName, () => _uptime);

    private WindowsResourceHarness Run() => new(_host, Ledger());

    private static string Desired(string restart, string json = LsoOff) =>
        json.Replace(" RESTART", restart.Length == 0 ? "" : $",\"restart\":\"{restart}\"");

    private string Guid(string adapter = "Ethernet 2") => _host.Adapter(adapter).InterfaceGuid;

    private IReadOnlyDictionary<string, IReadOnlySet<string>> Pending() => Ledger().Pending(out _);

    [Fact]
    public void Set_WithRestartNever_RemembersTheAdapterAndTheSettingsWritten()
    {
        Run().Set(Desired("Never"));

        Pending().Should().ContainSingle().Which.Key.Should().Be(Guid().ToUpperInvariant());
        Pending()[Guid().ToUpperInvariant()].Should().BeEquivalentTo(["lsoIPv4", "lsoIPv6"]);
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
        allowed.ActualState["restartPending"]!.Value<bool>().Should().BeTrue();
        never.InDesiredState.Should().BeTrue("restart Never accepts a pending restart");
        WindowsResourceHarness.Entry(never.ActualState, "Ethernet 2")["restartPending"]!.Value<bool>().Should().BeTrue("the fact is still shown");
    }

    [Fact]
    public void Test_OfAnInstanceThatDoesNotManageTheWaitingSettings_IsInDesiredState()
    {
        Run().Set(Desired("Never"));

        var other = Run().Test("""{"name":"Ethernet 2","rss":true}""");

        other.InDesiredState.Should().BeTrue("another instance's deferred restart is not this instance's drift");
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
        Pending().Should().BeEmpty();

        var again = Run();
        again.Set(Desired("Allowed")).ChangedNothing.Should().BeTrue();
        again.Restarts("Ethernet 2").Should().Be(1, "no second restart");
    }

    [Fact]
    public void WhatIf_PredictsTheRestart_AndTouchesNeitherAdapterNorLedger()
    {
        Run().Set(Desired("Never"));
        var ledger = File.ReadAllText(Ledger().Path);

        var h = Run();
        var predicted = h.WhatIf(Desired(""));

        predicted.ChangedProperties.Should().Equal("restartPending");
        h.Restarts("Ethernet 2").Should().Be(0);
        File.ReadAllText(Ledger().Path).Should().Be(ledger);
    }

    [Fact]
    public void APendingRestartFromAnEarlierBoot_IsForgotten()
    {
        Run().Set(Desired("Never"));

        _uptime = TimeSpan.FromMinutes(4);
        var h = Run();

        h.Test(Desired("")).InDesiredState.Should().BeTrue("the host restarted since, and every adapter with it");
        h.Set(Desired("")).ChangedNothing.Should().BeTrue();
        h.Restarts("Ethernet 2").Should().Be(0);
    }

    [Fact]
    public void Set_WhoseRestartFails_LeavesTheRecord_AndTheNextSetRetriesIt()
    {
        var failing = Run();
        _host.Cim.SetReturnValue(FakeCimClassCatalog.NetAdapter, "Restart", 31);

        var act = () => failing.Set(Desired(""));

        WindowsResourceHarness.Entry(act.Should().Throw<PartialApplyException>().Which.Applied.AfterState, "Ethernet 2")["restartPending"]!
            .Value<bool>().Should().BeTrue();
        Pending().Should().ContainKey(Guid().ToUpperInvariant());
        _host.Cim.SetReturnValue(FakeCimClassCatalog.NetAdapter, "Restart", 0);
        Run().Set(Desired("")).ChangedProperties.Should().Equal("restartPending");
        Pending().Should().BeEmpty();
    }

    [Fact]
    public void Set_WhoseSecondWriteFails_LeavesTheRecordOfWhatWasWritten()
    {
        var failing = Run();
        _host.Cim.FailModify(2);

        var act = () => failing.Set("""{"name":"Ethernet 2","lsoIPv4":false,"rss":false}""");

        act.Should().Throw<PartialApplyException>().Which.Applied.ChangedProperties.Should().Equal("lsoIPv4");
        Pending().Should().ContainKey(Guid().ToUpperInvariant());
    }

    [Fact]
    public void Set_WhenTheLedgerCannotBeWritten_FailsBeforeWritingTheAdapter()
    {
        var blocked = Path.Combine(_state.FullName, "not-a-directory");
        File.WriteAllText(blocked, "a file where the state directory should be");
        var h = new WindowsResourceHarness(_host, new PendingRestartLedger(blocked, () => _uptime));

        var act = () => h.Set(Desired(""));

        act.Should().Throw<DscOffloadException>();
        _host.Cim.Modifications.Should().BeEmpty();
        h.Restarts("Ethernet 2").Should().Be(0);
    }

    [Fact]
    public void Get_OfSeveralAdapters_ShowsWhichOneWaits()
    {
        Run().Set(Desired("Never", """{"name":"Ethernet 3","rss":true RESTART}"""));

        var state = Run().Get("""{"name":"Ethernet*"}""").ActualState;

        WindowsResourceHarness.Entry(state, "Ethernet 3")["restartPending"]!.Value<bool>().Should().BeTrue();
        WindowsResourceHarness.Entry(state, "Ethernet 2")["restartPending"].Should().BeNull();
    }

    [Fact]
    public void Export_DoesNotCarryRestartPending()
    {
        Run().Set(Desired("Never"));
        Run().Get("""{"name":"Ethernet 2"}""").ActualState["adapters"]![0]!["restartPending"]!.Value<bool>().Should().BeTrue();

        var exported = Run().Adapters.Export([], new OperationContext(_ => { }, "test")).ToList();

        exported.Should().NotBeEmpty().And.OnlyContain(i => i["restartPending"] == null);
    }

    [Fact]
    public void ALedgerThatIsNotOne_IsAWarningInTest_NotAFailure()
    {
        Run().Set(Desired("Never"));
        File.WriteAllText(Ledger().Path, "[1, 2]");
        var h = Run();

        var test = h.Test(Desired(""));

        test.InDesiredState.Should().BeTrue("a ledger that cannot be read knows no pending restart; the values are written");
        h.MessagesAt(MessageLevel.Warning).Should().Contain(m => m.Contains(PendingRestartLedger.FileName) && m.Contains("delete it"));
    }

    [Fact]
    public void WithoutALedger_APendingRestartIsForgottenByTheNextRun()
    {
        new WindowsResourceHarness(_host).Set(Desired("Never"));

        new WindowsResourceHarness(_host).Test(Desired("")).InDesiredState.Should().BeTrue();
    }
}
