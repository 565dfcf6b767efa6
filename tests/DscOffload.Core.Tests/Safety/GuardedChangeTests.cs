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
