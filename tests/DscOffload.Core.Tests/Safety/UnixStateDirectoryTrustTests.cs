using DscOffload.Core.Diagnostics;
using DscOffload.Core.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Safety;

/// <summary>
/// The same trust rules on Linux, on real files: a state directory, lock or journal entry that another user owns or
/// that its group or everyone may write is refused with exit code 3 and the chown/chmod that fixes it.
/// </summary>
public sealed class UnixStateDirectoryTrustTests : IDisposable
{
    private readonly TemporaryStateDirectory _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public void Ensure_CreatesTheDirectoryForItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var state = Path.Combine(_state.Root, "state");

        StateDirectory.Ensure(state);

        File.GetUnixFileMode(state).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void Acquire_WhenEveryoneMayWriteTheDirectory_IsRefusedWithTheChmodFix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_state.Root, (UnixFileMode)0b111_111_111);

        var act = () => HostChangeLock.Acquire(_state.Root, "config set");

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.ElevationRequired && e.Message.Contains("every user (mode 0777) may write it")
            && e.Message.Contains($"chmod 0700 '{_state.Root}'") && e.Message.Contains("nothing was changed"));
        File.Exists(StateDirectory.LockFileOf(_state.Root)).Should().BeFalse();
    }

    [Fact]
    public void Acquire_WhenTheLockIsASymbolicLink_IsRefusedAndNotFollowed()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var target = Path.Combine(_state.Root, "elsewhere");
        File.CreateSymbolicLink(StateDirectory.LockFileOf(_state.Root), target);

        var act = () => HostChangeLock.Acquire(_state.Root, "config set");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ElevationRequired && e.Message.Contains("symbolic link"));
        File.Exists(target).Should().BeFalse();
    }

    [Fact]
    public void Acquire_WhenAnotherUserOwnsTheLock_IsRefused()
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            return; // Giving a file to another user needs root.
        }

        var lockFile = StateDirectory.LockFileOf(_state.Root);
        File.WriteAllText(lockFile, "");
        File.SetUnixFileMode(lockFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        UnixFileCalls.ChangeOwner(lockFile, 65534, 65534).Should().Be(0);

        var act = () => HostChangeLock.Acquire(_state.Root, "config set");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ElevationRequired && e.Message.Contains("owned by uid 65534"));
    }

    [Fact]
    public void Journal_AGroupWritableEntry_IsListedAsUnreadable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var journal = new ChangeJournal(_state.Journal);
        var entry = journal.Record(new JObject { ["$schema"] = "x", ["resources"] = new JArray() }, "config set", "host");
        File.SetUnixFileMode(entry.Path, (UnixFileMode)0b110_110_000);

        var entries = journal.List(out var unreadable);

        entries.Should().BeEmpty();
        unreadable.Should().ContainSingle().Which.Should().Contain("its group (mode 0660) may write it");
    }
}
