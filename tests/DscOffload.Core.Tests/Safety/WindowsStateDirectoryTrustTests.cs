using DscOffload.Core.Diagnostics;
using DscOffload.Core.Safety;
using DscOffload.Tests.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Safety;

/// <summary>
/// The Windows state directory under %ProgramData%, where every user may create folders and files, over the ACL calls
/// faked in memory (<see cref="FakeWindowsAcl"/>): created with a protected DACL for SYSTEM and Administrators, and a
/// directory, lock or journal entry that another account owns or may write refused with exit code 3 and the fix.
/// </summary>
public sealed class WindowsStateDirectoryTrustTests : IDisposable
{
    private readonly TemporaryStateDirectory _programData = new();
    private readonly FakeWindowsAcl _acl = new();

    public WindowsStateDirectoryTrustTests() =>
        _acl.Describe(_programData.Root, WindowsStateAccessControl.SystemSid, FakeWindowsAcl.ProgramDataEntries);

    public void Dispose() => _programData.Dispose();

    private string State => Path.Combine(_programData.Root, "DscOffload");

    private StateDirectoryTrust Trust(bool elevated = true) => new(new WindowsStateAccessControl(_acl, elevated));

    private static JObject RestoreDocument() => new() { ["$schema"] = "x", ["resources"] = new JArray() };

    [Fact]
    public void Acquire_WhenTheDirectoryIsMissing_CreatesItProtectedForSystemAndAdministratorsOwnedByAdministrators()
    {
        using (HostChangeLock.Acquire(State, "config set", Trust()))
        {
        }

        _acl.Created.Should().ContainSingle();
        var (path, owner, fullControl) = _acl.Created[0];
        path.Should().Be(State);
        owner.Should().Be(WindowsStateAccessControl.AdministratorsSid);
        fullControl.Should().BeEquivalentTo([WindowsStateAccessControl.SystemSid, WindowsStateAccessControl.AdministratorsSid]);
        _acl.Read(State)!.Entries.Should().NotContain(e => e.Sid == FakeWindowsAcl.Users, "nothing is inherited from %ProgramData%");
    }

    [Fact]
    public void Acquire_OfANewLock_GivesTheLockFileToAdministrators()
    {
        using var held = HostChangeLock.Acquire(State, "config set", Trust());

        _acl.OwnersSet.Should().Contain((held.Path, WindowsStateAccessControl.AdministratorsSid));
    }

    [Fact]
    public void Ensure_WithoutElevation_AlsoGivesThisAccountAccessAndKeepsItAsOwner()
    {
        StateDirectory.Ensure(State, Trust(elevated: false));

        var (_, owner, fullControl) = _acl.Created.Single();
        owner.Should().BeNull();
        fullControl.Should().Contain(FakeWindowsAcl.AdministratorAccount);
        var act = () => StateDirectory.Ensure(State, Trust(elevated: false));
        act.Should().NotThrow();
    }

    [Fact]
    public void Acquire_WhenAStandardUserCreatedTheDirectoryFirst_IsRefusedWithExitCode3AndTheIcaclsFix()
    {
        Directory.CreateDirectory(State);
        _acl.Describe(State, FakeWindowsAcl.StandardUser, [new(FakeWindowsAcl.StandardUser, true, FakeWindowsAcl.FullControl, false)]);

        var act = () => HostChangeLock.Acquire(State, "config set", Trust());

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.ElevationRequired);
        error.Message.Should().Contain(State).And.Contain($"owned by {FakeWindowsAcl.StandardUser}")
            .And.Contain("nothing was changed").And.Contain($"icacls \"{State}\" /setowner *S-1-5-32-544")
            .And.Contain("/inheritance:r").And.NotContain("\n");
        File.Exists(StateDirectory.LockFileOf(State)).Should().BeFalse("the lock is not even created");
    }

    [Fact]
    public void Acquire_WhenTheDirectoryInheritsProgramDatasAccess_IsRefusedNamingUsers()
    {
        // What an earlier version left: Directory.CreateDirectory under %ProgramData% keeps Users' right to add files.
        Directory.CreateDirectory(State);

        var act = () => HostChangeLock.Acquire(State, "config set", Trust());

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.ElevationRequired && e.Message.Contains($"{FakeWindowsAcl.Users} (rights 0x6) may write it"));
    }

    [Fact]
    public void Acquire_WhenAStandardUserPlantedTheLockFile_IsRefusedWithoutOpeningIt()
    {
        StateDirectory.Ensure(State, Trust());
        var lockFile = StateDirectory.LockFileOf(State);
        File.WriteAllText(lockFile, "planted");
        _acl.Describe(lockFile, FakeWindowsAcl.StandardUser, [new(WindowsStateAccessControl.AdministratorsSid, true, FakeWindowsAcl.FullControl, false)]);

        var act = () => HostChangeLock.Acquire(State, "config set", Trust());

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.ElevationRequired && e.Message.Contains($"state file '{lockFile}'") && e.Message.Contains($"del \"{lockFile}\""));
        File.ReadAllText(lockFile).Should().Be("planted");
        File.Exists(lockFile + ".owner").Should().BeFalse();
    }

    [Fact]
    public void Acquire_IgnoresDenyEntriesInheritOnlyEntriesAndOthersReadAccess()
    {
        Directory.CreateDirectory(State);
        _acl.Describe(State, WindowsStateAccessControl.AdministratorsSid,
        [
            new(WindowsStateAccessControl.SystemSid, true, FakeWindowsAcl.FullControl, false),
            new(WindowsStateAccessControl.AdministratorsSid, true, FakeWindowsAcl.FullControl, false),
            new(FakeWindowsAcl.Users, false, FakeWindowsAcl.FullControl, false),
            new(FakeWindowsAcl.Users, true, FakeWindowsAcl.ReadAndExecute, false),
            new(FakeWindowsAcl.CreatorOwner, true, FakeWindowsAcl.FullControl, true),
        ]);

        var act = () => HostChangeLock.Acquire(State, "config set", Trust()).Dispose();

        act.Should().NotThrow();
    }

    [Fact]
    public void Journal_AnEntryPlantedByAStandardUser_IsListedAsUnreadableAndNeverRestored()
    {
        var journal = new ChangeJournal(StateDirectory.JournalOf(State), trust: Trust());
        var ours = journal.Record(RestoreDocument(), "config set", "host");
        var planted = Path.Combine(journal.Directory, "29991231T000000000Z-abcdef" + ChangeJournal.Suffix);
        File.WriteAllText(planted, File.ReadAllText(ours.Path).Replace(ours.Id, "29991231T000000000Z-abcdef"));
        _acl.Describe(planted, FakeWindowsAcl.StandardUser, []);

        var entries = journal.List(out var unreadable);

        entries.Select(e => e.Path).Should().Equal(ours.Path);
        unreadable.Should().ContainSingle().Which.Should().Contain(planted).And.Contain(FakeWindowsAcl.StandardUser);
        journal.LatestToRestore()!.Id.Should().Be(ours.Id);
    }

    [Fact]
    public void Journal_ANewEntryIsGivenToAdministratorsBeforeItAppears()
    {
        var journal = new ChangeJournal(StateDirectory.JournalOf(State), trust: Trust());

        var entry = journal.Record(RestoreDocument(), "config set", "host");

        _acl.OwnersSet.Should().Contain(o => o.Owner == WindowsStateAccessControl.AdministratorsSid
            && Path.GetDirectoryName(o.Path) == journal.Directory
            && Path.GetFileName(o.Path).StartsWith("." + Path.GetFileName(entry.Path), StringComparison.Ordinal)
            && o.Path.EndsWith(DurableFile.TemporarySuffix, StringComparison.Ordinal));
    }

    [Fact]
    public void Journal_InADirectoryOthersMayWrite_IsRefused()
    {
        var journal = new ChangeJournal(StateDirectory.JournalOf(State), trust: Trust());
        journal.Record(RestoreDocument(), "config set", "host");
        _acl.Describe(journal.Directory, WindowsStateAccessControl.AdministratorsSid, FakeWindowsAcl.ProgramDataEntries);

        var act = () => journal.List();

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ElevationRequired && e.Message.Contains(journal.Directory));
    }
}
