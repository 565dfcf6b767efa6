using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Safety;

public class ChangeJournalTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TemporaryStateDirectory _state = new();
    private readonly ManualClock _clock = new(Start);

    public void Dispose() => _state.Dispose();

    private ChangeJournal Journal() => new(_state.Journal, _clock);

    private static JObject RestoreDocument(string adapter = "eth0") => new()
    {
        ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
        ["resources"] = new JArray(new JObject
        {
            ["name"] = $"restore NetAdapterOffload '{adapter}'",
            ["type"] = "DscOffload.Linux/NetAdapterOffload",
            ["properties"] = new JObject { ["name"] = adapter, ["features"] = new JObject { ["rx-gro"] = true } },
        }),
    };

    [Fact]
    public void Record_WritesAPendingEntryThatIsAValidConfigurationDocument()
    {
        var entry = Journal().Record(RestoreDocument(), "config set --file base.yaml", "web-01", ["a note"]);

        entry.Status.Should().Be(JournalStatus.Pending);
        entry.Host.Should().Be("web-01");
        entry.Command.Should().Be("config set --file base.yaml");
        entry.CreatedAt.Should().Be(Start);
        entry.Notes.Should().Equal("a note");
        entry.InstanceCount.Should().Be(1);
        entry.Path.Should().Be(Path.Combine(_state.Journal, entry.Id + ".dsc.json"));
        entry.Id.Should().StartWith("20250301T120000000Z-");

        var document = DocumentLoader.Load(entry.Path);
        document.Resources.Should().ContainSingle().Which.Name.Should().Be("restore NetAdapterOffload 'eth0'");
        Directory.GetFiles(_state.Journal).Should().ContainSingle("no temporary file is left behind");
    }

    [Fact]
    public void SetStatus_RewritesTheEntryAndKeepsTheRestoreDocument()
    {
        var journal = Journal();
        var entry = journal.Record(RestoreDocument(), "config set --file a.yaml", "h");
        _clock.Advance(TimeSpan.FromSeconds(3));

        var updated = journal.SetStatus(entry, JournalStatus.Partial, "changed 'a' (features); then 'b' failed");

        var reread = journal.Find(entry.Id);
        reread.Status.Should().Be(JournalStatus.Partial);
        reread.Detail.Should().Be("changed 'a' (features); then 'b' failed");
        JsonAssert.Same(updated.Document["resources"], entry.Document["resources"]);
        JournalEntry.Facts(reread.Document)!["updatedAt"]!.Value<string>().Should().StartWith("2025-03-01T12:00:03");
    }

    [Fact]
    public void List_IsNewestFirstAndReportsUnreadableFilesSeparately()
    {
        var journal = Journal();
        var first = journal.Record(RestoreDocument("a"), "config set --file 1.yaml", "h");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = journal.Record(RestoreDocument("b"), "config set --file 2.yaml", "h");
        File.WriteAllText(Path.Combine(_state.Journal, "20990101T000000000Z-000000.dsc.json"), "{\"truncated\": ");

        var entries = journal.List(out var unreadable);

        entries.Select(e => e.Id).Should().Equal(second.Id, first.Id);
        unreadable.Should().ContainSingle().Which.Should().Contain("20990101T000000000Z-000000.dsc.json:1:");
    }

    [Fact]
    public void Record_KeepsTheSavedFiles_ThroughUpdateAndStatus()
    {
        var journal = Journal();
        var withFiles = RestoreDocument();
        withFiles["metadata"] = JObject.Parse("""{"DscOffload":{"files":[{"path":"/etc/systemd/network/10-dscoffload-eth0.link","content":null}]}}""");

        var entry = journal.Record(withFiles, "config set --file base.yaml", "web-01");
        entry = journal.SetStatus(journal.Update(entry, withFiles, []), JournalStatus.Applied, null);

        var read = journal.List().Should().ContainSingle().Subject;
        read.Files.Should().Equal(new JournaledFile("/etc/systemd/network/10-dscoffload-eth0.link", null));
        read.Summary()["files"]!.Values<string>().Should().Equal("/etc/systemd/network/10-dscoffload-eth0.link");
        JournalEntry.Facts(read.Document)!["status"]!.Value<string>().Should().Be(JournalStatusNames.Name(JournalStatus.Applied));
    }

    [Fact]
    public void List_TreatsAnEntryThatNamesAForeignFileAsUnreadable()
    {
        var journal = Journal();
        var saved = RestoreDocument();
        saved["metadata"] = JObject.Parse("""{"DscOffload":{"files":[{"path":"/etc/systemd/network/10-dscoffload-eth0.link","content":""}]}}""");
        var entry = journal.Record(saved, "config set --file base.yaml", "web-01");
        File.WriteAllText(entry.Path, File.ReadAllText(entry.Path).Replace("/etc/systemd/network/10-dscoffload-eth0.link", "/etc/shadow", StringComparison.Ordinal));

        journal.List(out var unreadable).Should().BeEmpty();
        unreadable.Should().ContainSingle().Which.Should().Contain(entry.Id).And.Contain("only dscoffload's own");
    }

    [Fact]
    public void Find_AcceptsAUniquePrefixAndRejectsUnknownOrAmbiguousIds()
    {
        var journal = Journal();
        var a = journal.Record(RestoreDocument("a"), "config set --file 1.yaml", "h");
        _clock.Advance(TimeSpan.FromDays(1));
        var b = journal.Record(RestoreDocument("b"), "config set --file 2.yaml", "h");

        journal.Find(b.Id[..8]).Id.Should().Be(b.Id);
        journal.Find(a.Id).Id.Should().Be(a.Id);
        journal.Invoking(j => j.Find("2025")).Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidArguments && e.Message.Contains("matches 2 journal entries"));
        journal.Invoking(j => j.Find("../../etc/passwd")).Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidArguments && e.Message.Contains("no journal entry"));
    }

    [Fact]
    public void LatestToRestore_SkipsRollbacksAndEntriesThatChangedNothingOrWereRolledBack()
    {
        var journal = Journal();
        var applied = journal.Record(RestoreDocument("a"), "config set --file 1.yaml", "h");
        journal.SetStatus(applied, JournalStatus.Applied, null);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var undone = journal.Record(RestoreDocument("b"), "config set --file 2.yaml", "h");
        journal.SetStatus(undone, JournalStatus.RolledBack, "restored");
        _clock.Advance(TimeSpan.FromMinutes(1));
        journal.Record(RestoreDocument("b"), "rollback --id " + undone.Id, "h");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var failed = journal.Record(RestoreDocument("c"), "config set --file 3.yaml", "h");
        journal.SetStatus(failed, JournalStatus.Failed, "nothing changed");

        journal.LatestToRestore()!.Id.Should().Be(applied.Id);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var killed = journal.Record(RestoreDocument("d"), "config set --file 4.yaml", "h");
        journal.LatestToRestore()!.Id.Should().Be(killed.Id, "a pending entry belongs to a run that may have changed something");
    }

    [Fact]
    public void Prune_DeletesOnlyEntriesBothOlderThan30DaysAndBeyondTheNewest50()
    {
        var journal = Journal();
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add(journal.Record(RestoreDocument(), $"config set --file {i}.yaml", "h").Id);
            _clock.Advance(TimeSpan.FromDays(1));
        }

        // Now 60 entries aged 60..1 days; the oldest ten are beyond the newest 50 and all older than 30 days,
        // and were deleted as the later entries were recorded.
        var kept = journal.List().Select(e => e.Id).ToList();
        kept.Should().HaveCount(50).And.Equal(ids.Skip(10).Reverse());

        _clock.Advance(TimeSpan.FromDays(365));
        journal.Prune().Should().Be(0, "the newest 50 are kept however old they are");
    }

    [Fact]
    public void Prune_KeepsEverythingYoungerThan30DaysEvenBeyond50Entries()
    {
        var journal = Journal();
        for (var i = 0; i < 55; i++)
        {
            journal.Record(RestoreDocument(), $"config set --file {i}.yaml", "h");
            _clock.Advance(TimeSpan.FromHours(1));
        }

        journal.List().Should().HaveCount(55);
        _clock.Advance(TimeSpan.FromDays(31));
        journal.Prune().Should().Be(5);
        journal.List().Should().HaveCount(50);
    }

    [Fact]
    public void Prune_RemovesTemporaryFilesLeftByACrashOnceTheyAreAnHourOld()
    {
        var journal = Journal();
        journal.Record(RestoreDocument(), "config set --file 1.yaml", "h");
        var leftover = Path.Combine(_state.Journal, ".x.dsc.json.0a0b0c0d.tmp");
        File.WriteAllText(leftover, "{");
        File.SetLastWriteTimeUtc(leftover, Start.UtcDateTime.AddHours(-2));
        var fresh = Path.Combine(_state.Journal, ".y.dsc.json.0a0b0c0e.tmp");
        File.WriteAllText(fresh, "{");
        File.SetLastWriteTimeUtc(fresh, Start.UtcDateTime);

        journal.Prune();

        File.Exists(leftover).Should().BeFalse();
        File.Exists(fresh).Should().BeTrue("a temporary file may belong to a write in progress");
    }

    [Fact]
    public void List_OfAJournalThatWasNeverWritten_IsEmpty() => Journal().List().Should().BeEmpty();
}
