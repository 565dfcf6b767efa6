using DscOffload.Core.Diagnostics;
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

    private readonly TemporaryStateDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private static RestoreDocumentBuilder OneChange()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(NeedsElevation, JObject.Parse("""{"on":true}"""),
            new TestOutcome(JObject.Parse("""{"on":true}"""), JObject.Parse("""{"on":false}"""), false, ["on"]));
        return builder;
    }

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
    }

    [Fact]
    public void Begin_WhileAnotherChangeRuns_IsBusy()
    {
        using var first = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true);

        var act = () => GuardedChange.Begin(_state.Root, "resource set --type Test.Net/Thing", [NeedsElevation], privileged: true);

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.Busy);
    }

    [Fact]
    public void Record_WithNothingToChange_WritesNoEntry()
    {
        using var guard = GuardedChange.Begin(_state.Root, "c", [NeedsElevation], privileged: true);

        guard.Record(new RestoreDocumentBuilder()).Should().BeNull();
        guard.Finish(changed: false, hadErrors: false, null);

        guard.Journal.List().Should().BeEmpty();
        guard.RollbackCommand.Should().Be("dscoffload rollback");
    }

    [Theory]
    [InlineData(true, false, JournalStatus.Applied)]
    [InlineData(true, true, JournalStatus.Partial)]
    [InlineData(false, true, JournalStatus.Failed)]
    public void Finish_RecordsTheOutcome(bool changed, bool hadErrors, JournalStatus expected)
    {
        using var guard = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true);
        var entry = guard.Record(OneChange())!;
        entry.Status.Should().Be(JournalStatus.Pending);
        guard.RollbackCommand.Should().Be($"dscoffload rollback --id {entry.Id}");

        guard.Finish(changed, hadErrors, hadErrors ? "b failed" : null);

        guard.Journal.Find(entry.Id).Status.Should().Be(expected);
    }

    [Fact]
    public void Dispose_WithoutFinish_LeavesThePendingEntryAndReleasesTheLock()
    {
        string id;
        using (var guard = GuardedChange.Begin(_state.Root, "config set --file a.yaml", [NeedsElevation], privileged: true))
        {
            id = guard.Record(OneChange())!.Id;
        }

        using var next = GuardedChange.Begin(_state.Root, "rollback", [NeedsElevation], privileged: true);
        next.Journal.Find(id).Status.Should().Be(JournalStatus.Pending);
    }
}
