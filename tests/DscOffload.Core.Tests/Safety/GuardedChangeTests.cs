using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Safety;

public class GuardedChangeTests : IDisposable
{
    private static readonly ResourceDescriptor NeedsElevation = new()
    {
        Type = "Test.Net/Thing",
        Version = "0.1.0",
        Description = "test",
        Platform = "Linux",
        Properties = [new() { Name = "on", Type = PropertyType.Boolean }],
    };

    private static readonly EngineInstance Instance = new("thing", NeedsElevation.Type, [], null, null);

    private readonly TemporaryStateDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private static StubResource Differing(bool actual) => new(new TestOutcome(
        JObject.Parse("""{"on":true}"""), new JObject { ["on"] = actual }, actual, actual ? [] : ["on"]));

    [Fact]
    public void Begin_WithoutPrivileges_FailsWithElevationRequiredBeforeTakingTheLockOrWritingAnything()
    {
        var act = () => GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: false);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ElevationRequired && e.Message.Contains("nothing was changed"));
        Directory.EnumerateFileSystemEntries(_state.Root).Should().BeEmpty();
    }

    [Fact]
    public void Begin_OfAChangeWithOnlyFiles_StillNeedsPrivileges()
    {
        var act = () => GuardedChange.Begin(_state.Root, "rollback --id x", [], privileged: false, ["/etc/systemd/network/10-dscoffload-eth0.link"]);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ElevationRequired
            && e.Message.Contains("/etc/systemd/network/10-dscoffload-eth0.link") && e.Message.Contains("nothing was changed"));
        Directory.EnumerateFileSystemEntries(_state.Root).Should().BeEmpty();
    }

    [Fact]
    public void Begin_ForTypesThatNeedNoElevation_DoesNotCheckPrivileges()
    {
        var readOnly = new ResourceDescriptor
        {
            Type = NeedsElevation.Type, Version = "0.1.0", Description = "t", Platform = "Linux",
            Properties = NeedsElevation.Properties, SetRequiresElevation = false,
        };

        using var guard = GuardedChange.Begin(_state.Root, "c", [readOnly], privileged: false);
        guard.Entry.Should().BeNull();
    }

    [Fact]
    public void Begin_WhileAnotherChangeRuns_IsBusy()
    {
        using var first = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true);

        var act = () => GuardedChange.Begin(_state.Root, "resource set --type Test.Net/Thing", [NeedsElevation], privileged: true);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.Busy);
    }

    [Fact]
    public void BeforeSet_WithNothingToChange_WritesNoEntry()
    {
        using var guard = GuardedChange.Begin(_state.Root, "c", [NeedsElevation], privileged: true);

        guard.BeforeSet(Instance, NeedsElevation, Differing(actual: true), JObject.Parse("""{"on":true}"""));
        guard.Finish(changed: false, hadErrors: false, null);

        guard.Entry.Should().BeNull();
        guard.Journal.List().Should().BeEmpty();
        guard.RollbackCommand.Should().Be("dscoffload rollback");
    }

    [Fact]
    public void BeforeSet_SavesThePendingEntryBeforeTheFirstChange_AndExtendsItForLaterInstances()
    {
        using var guard = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true);

        guard.BeforeSet(Instance, NeedsElevation, Differing(actual: false), JObject.Parse("""{"on":true}"""));
        var entry = guard.Journal.List().Should().ContainSingle().Subject;
        entry.Status.Should().Be(JournalStatus.Pending);
        entry.InstanceCount.Should().Be(1);
        guard.RollbackCommand.Should().Be($"dscoffload rollback --id {entry.Id}");

        guard.BeforeSet(Instance with { Name = "other" }, NeedsElevation, Differing(actual: false), JObject.Parse("""{"on":true}"""));
        var extended = guard.Journal.List().Should().ContainSingle().Subject;
        extended.Id.Should().Be(entry.Id);
        extended.InstanceCount.Should().Be(2);
        extended.Status.Should().Be(JournalStatus.Pending);
    }

    [Fact]
    public void BeforeSet_WhoseTestFails_ThrowsAndWritesNothing()
    {
        using var guard = GuardedChange.Begin(_state.Root, "c", [NeedsElevation], privileged: true);
        var failing = new StubResource(null);

        var act = () => guard.BeforeSet(Instance, NeedsElevation, failing, JObject.Parse("""{"on":true}"""));

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed);
        guard.Journal.List().Should().BeEmpty();
    }

    [Theory]
    [InlineData(true, false, JournalStatus.Applied)]
    [InlineData(true, true, JournalStatus.Partial)]
    [InlineData(false, true, JournalStatus.Failed)]
    public void Finish_RecordsTheOutcome(bool changed, bool hadErrors, JournalStatus expected)
    {
        using var guard = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true);
        guard.BeforeSet(Instance, NeedsElevation, Differing(actual: false), JObject.Parse("""{"on":true}"""));

        guard.Finish(changed, hadErrors, hadErrors ? "b failed" : null);

        guard.Journal.Find(guard.Entry!.Id).Status.Should().Be(expected);
    }

    [Fact]
    public void Dispose_WithoutFinish_LeavesThePendingEntryAndReleasesTheLock()
    {
        string id;
        using (var guard = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true))
        {
            guard.BeforeSet(Instance, NeedsElevation, Differing(actual: false), JObject.Parse("""{"on":true}"""));
            id = guard.Entry!.Id;
        }

        using var next = GuardedChange.Begin(_state.Root, "rollback", [NeedsElevation], privileged: true);
        next.Journal.Find(id).Status.Should().Be(JournalStatus.Pending);
    }

    [Fact]
    public void BeforeSet_OfAResourceThatWillOnlyWriteAFile_SavesTheFileBeforeItChanges()
    {
        var link = Path.Combine(_state.Root, "10-dscoffload-eth0.link");
        File.WriteAllText(link, "[Match]\nOriginalName=eth0\n");
        using var guard = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true);

        guard.BeforeSet(Instance, NeedsElevation, new FileWritingStub(Differing(actual: true), [link]), JObject.Parse("""{"on":true}"""));
        File.WriteAllText(link, "rewritten by the set");
        guard.BeforeSet(Instance, NeedsElevation, new FileWritingStub(Differing(actual: true), [link]), JObject.Parse("""{"on":true}"""));

        var entry = guard.Journal.List().Should().ContainSingle().Subject;
        entry.InstanceCount.Should().Be(0);
        entry.Files.Select(f => (f.Path, f.PreviousContent)).Should().Equal((link, "[Match]\nOriginalName=eth0\n"));
    }

    [Fact]
    public void RunSetWithFiles_PutsTheFilesBack_AndSavesWhatItOverwroteForTheNextRollback()
    {
        var created = Path.Combine(_state.Root, "10-dscoffload-eth0.link");
        var edited = Path.Combine(_state.Root, "10-dscoffload-eth1.link");
        var untouched = Path.Combine(_state.Root, "10-dscoffload-eth2.link");
        File.WriteAllText(created, "written by the change");
        File.WriteAllText(edited, "after the change");
        File.WriteAllText(untouched, "same as before");
        var engine = new ConfigurationEngine(new ResourceCatalog([]), new EngineOptions { Version = "0.1.0" });
        var empty = engine.Prepare("rollback.dsc.json", []);
        var told = new List<string>();
        using var guard = GuardedChange.Begin(_state.Root, "rollback --id x", [NeedsElevation], privileged: true);

        var run = guard.RunSet(engine, empty, new NoHost(),
            [new JournaledFile(created, null), new JournaledFile(edited, "before the change"), new JournaledFile(untouched, "same as before")], told.Add);

        run.HadErrors.Should().BeFalse(run.Envelope.ToString());
        run.Changed.Should().BeTrue();
        File.Exists(created).Should().BeFalse();
        File.ReadAllText(edited).Should().Be("before the change");
        told.Should().HaveCount(2);
        run.Envelope["messages"]!.Where(m => m["name"]!.Value<string>() == "restore files").Select(m => m["message"]!.Value<string>()).Should().Equal(told);
        var entry = guard.Journal.List().Should().ContainSingle().Subject;
        entry.Status.Should().Be(JournalStatus.Applied);
        entry.Files.Select(f => (f.Path, f.PreviousContent)).Should().BeEquivalentTo([(created, "written by the change"), (edited, "after the change")]);
    }

    [Fact]
    public void RunSetWithFiles_WhenALaterFileFails_ReportsTheEarlierOneAsChangedAndTheRunAsFailed()
    {
        var created = Path.Combine(_state.Root, "10-dscoffload-eth0.link");
        var unwritable = Path.Combine(_state.Root, "missing-directory", "10-dscoffload-eth1.link");
        File.WriteAllText(created, "written by the change");
        var engine = new ConfigurationEngine(new ResourceCatalog([]), new EngineOptions { Version = "0.1.0" });
        var told = new List<string>();
        using var guard = GuardedChange.Begin(_state.Root, "rollback --id x", [NeedsElevation], privileged: true);

        var run = guard.RunSet(engine, engine.Prepare("rollback.dsc.json", []), new NoHost(),
            [new JournaledFile(created, null), new JournaledFile(unwritable, "before the change")], told.Add);
        guard.Finish(run.Changed, run.HadErrors, "x");

        File.Exists(created).Should().BeFalse();
        told.Should().ContainSingle().Which.Should().Contain(created);
        run.HadErrors.Should().BeTrue();
        run.Changed.Should().BeTrue("the first file was put back before the second failed");
        run.Envelope["hadErrors"]!.Value<bool>().Should().BeTrue();
        run.Envelope["messages"]!.Should().Contain(m => m["level"]!.Value<string>() == "error" && m["message"]!.Value<string>()!.Contains(unwritable));
        guard.Journal.List().Should().ContainSingle().Which.Status.Should().Be(JournalStatus.Partial);
    }

    [Fact]
    public void RunSetWithFiles_RunsTheFollowUpOfTheDirectoryHoldingThem_AfterTheyAreBack_AndReportsWhatItDid()
    {
        var netplan = Path.Combine(Directory.CreateDirectory(Path.Combine(_state.Root, "netplan")).FullName, "90-dscoffload-eth0.yaml");
        var link = Path.Combine(_state.Root, "10-dscoffload-eth0.link");
        File.WriteAllText(netplan, "written by the change");
        File.WriteAllText(link, "written by the change");
        var seen = new List<(string File, bool Exists)>();
        var directory = new RestorableFileDirectory(Path.GetDirectoryName(netplan)!, "X")
        {
            Kind = RestorableFileKind.Netplan,
            AfterRestore = (files, tell) =>
            {
                seen.AddRange(files.Select(f => (f, File.Exists(f))));
                tell("rendered again");
            },
        };
        var engine = new ConfigurationEngine(new ResourceCatalog([]), new EngineOptions { Version = "0.1.0" });
        var told = new List<string>();
        using var guard = GuardedChange.Begin(_state.Root, "rollback --id x", [NeedsElevation], privileged: true);

        var run = guard.RunSet(engine, engine.Prepare("rollback.dsc.json", []), new NoHost(),
            [new JournaledFile(netplan, null), new JournaledFile(link, null)], told.Add, [directory]);

        run.HadErrors.Should().BeFalse(run.Envelope.ToString());
        seen.Should().Equal((netplan, false));
        told.Should().HaveCount(3).And.EndWith("rendered again");
        run.Envelope["messages"]!.Select(m => m["message"]!.Value<string>()).Should().Contain("rendered again");
    }

    [Fact]
    public void RunSetWithFiles_WhenTheFollowUpFails_TheRunFailsNamingIt_WithTheFilesBack()
    {
        var netplan = Path.Combine(Directory.CreateDirectory(Path.Combine(_state.Root, "netplan")).FullName, "90-dscoffload-eth0.yaml");
        File.WriteAllText(netplan, "written by the change");
        var directory = new RestorableFileDirectory(Path.GetDirectoryName(netplan)!, "X")
        {
            Kind = RestorableFileKind.Netplan,
            AfterRestore = (_, _) => throw new DscOffloadException(ErrorKind.Unexpected, "netplan generate failed: exit code 1"),
        };
        var engine = new ConfigurationEngine(new ResourceCatalog([]), new EngineOptions { Version = "0.1.0" });
        using var guard = GuardedChange.Begin(_state.Root, "rollback --id x", [NeedsElevation], privileged: true);

        var run = guard.RunSet(engine, engine.Prepare("rollback.dsc.json", []), new NoHost(), [new JournaledFile(netplan, null)], _ => { }, [directory]);

        File.Exists(netplan).Should().BeFalse();
        run.HadErrors.Should().BeTrue();
        run.Changed.Should().BeTrue();
        run.Envelope["messages"]!.Should().Contain(m => m["level"]!.Value<string>() == "error" && m["message"]!.Value<string>()!.Contains("netplan generate failed"));
    }

    private sealed class NoHost : HostTarget
    {
        public override string Name => "test";

        public override bool IsRecorded => false;

        protected override IResourceType Create(IResourceTypeProvider provider) => throw new NotSupportedException();
    }

    private sealed class FileWritingStub(StubResource inner, IReadOnlyList<string> files) : IFileWritingResource
    {
        public ResourceDescriptor Descriptor => NeedsElevation;

        public GetOutcome Get(JObject input, OperationContext context) => inner.Get(input, context);

        public TestOutcome Test(JObject desired, OperationContext context) => inner.Test(desired, context);

        public SetOutcome Set(JObject desired, OperationContext context) => inner.Set(desired, context);

        public IReadOnlyList<string> FilesSetWillWrite(TestOutcome test) => files;
    }

    /// <summary>A settable resource whose test gives a fixed outcome (or fails when there is none) and whose set is never called.</summary>
    private sealed class StubResource(TestOutcome? outcome) : ISettableResource
    {
        public ResourceDescriptor Descriptor => NeedsElevation;

        public GetOutcome Get(JObject input, OperationContext context) => throw new NotSupportedException();

        public TestOutcome Test(JObject desired, OperationContext context) =>
            outcome ?? throw new DscOffloadException(ErrorKind.ValidationFailed, "unknown feature 'x'");

        public SetOutcome Set(JObject desired, OperationContext context) => throw new NotSupportedException();
    }
}
