using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Tests.Safety;
using DscOffload.Windows.Persistence;
using DscOffload.Windows.Tests.Fakes;
using DscOffload.Windows.Tests.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>
/// A pending-restart ledger that a standard user planted in the state directory (anyone may create files under
/// %ProgramData%) would make the next set restart adapters: it is refused, over the ACL calls faked in memory.
/// </summary>
public sealed class PendingRestartLedgerTrustTests : IDisposable
{
    private const string LsoOff = """{"name":"Ethernet 2","lsoIPv4":false,"lsoIPv6":false,"restart":"Allowed"}""";
    private readonly DirectoryInfo _programData = Directory.CreateTempSubdirectory("dscoffload-programdata-");
    private readonly FakeWindowsHost _host = FakeWindowsHost.Load("x710-server.json");
    private readonly FakeWindowsAcl _acl = new();

    public PendingRestartLedgerTrustTests() =>
        _acl.Describe(_programData.FullName, WindowsStateAccessControl.SystemSid, FakeWindowsAcl.ProgramDataEntries);

    public void Dispose() => _programData.Delete(recursive: true);

    private string State => Path.Combine(_programData.FullName, "DscOffload");

    private PendingRestartLedger Ledger() =>
        new(State, () => TimeSpan.FromHours(3), trust: new StateDirectoryTrust(new WindowsStateAccessControl(_acl, elevated: true)));

    private void PlantLedger()
    {
        StateDirectory.Ensure(State, new StateDirectoryTrust(new WindowsStateAccessControl(_acl, elevated: true)));
        var guid = _host.Adapter("Ethernet 2").InterfaceGuid;
        var adapters = new JObject { [guid] = new JObject { ["name"] = "Ethernet 2", ["settings"] = new JArray("lsoIPv4") } };
        File.WriteAllText(Ledger().Path, new JObject { ["uptimeMs"] = 1, ["adapters"] = adapters }.ToString());
        _acl.Describe(Ledger().Path, FakeWindowsAcl.StandardUser, [new(FakeWindowsAcl.StandardUser, true, FakeWindowsAcl.FullControl, false)]);
    }

    [Fact]
    public void Set_WithALedgerPlantedByAStandardUser_IsRefusedWithExitCode3AndRestartsNothing()
    {
        PlantLedger();
        var h = new WindowsResourceHarness(_host, Ledger());

        var act = () => h.Set(LsoOff);

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.ElevationRequired && e.Message.Contains(PendingRestartLedger.FileName)
            && e.Message.Contains(FakeWindowsAcl.StandardUser) && e.Message.Contains("icacls"));
        h.Restarts("Ethernet 2").Should().Be(0);
        _host.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void Test_WithALedgerPlantedByAStandardUser_KnowsNoPendingRestartAndWarnsWhy()
    {
        PlantLedger();
        var h = new WindowsResourceHarness(_host, Ledger());

        var state = h.Get("""{"name":"Ethernet 2"}""").ActualState;

        WindowsResourceHarness.Entry(state, "Ethernet 2")["restartPending"].Should().BeNull("the planted record is not believed");
        h.MessagesAt(MessageLevel.Warning).Should().Contain(m => m.Contains("pending adapter restarts are unknown") && m.Contains(FakeWindowsAcl.StandardUser));
    }

    [Fact]
    public void Set_WithRestartNever_WritesTheLedgerIntoAProtectedDirectoryOwnedByAdministrators()
    {
        new WindowsResourceHarness(_host, Ledger()).Set(LsoOff.Replace("Allowed", "Never", StringComparison.Ordinal));

        File.Exists(Ledger().Path).Should().BeTrue();
        _acl.Created.Should().ContainSingle().Which.Owner.Should().Be(WindowsStateAccessControl.AdministratorsSid);
        _acl.OwnersSet.Should().Contain(o => Path.GetFileName(o.Path).StartsWith("." + PendingRestartLedger.FileName, StringComparison.Ordinal)
            && o.Owner == WindowsStateAccessControl.AdministratorsSid);
        Ledger().Pending(out var problem).Should().ContainSingle();
        problem.Should().BeNull();
    }
}
