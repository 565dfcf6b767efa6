using System.Globalization;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Safety;

/// <summary>
/// The host-wide lock that lets only one dscoffload change run at a time (docs/safety.md): whoever holds it may
/// change offloads; anyone else gets <see cref="ErrorKind.Busy"/> at once (CLI and resource exit code 6) and
/// changes nothing. It is an operating-system lock on <c>change.lock</c> in the state directory, released by
/// the kernel when the holder exits for any reason, SIGKILL included, so a killed run never blocks later ones:
/// on Linux and other Unix systems an exclusive <c>flock</c>, on Windows a handle opened without sharing.
/// Who holds it (pid, command, since when) is written next to it in <c>change.lock.owner</c>, for the
/// loser's message only; that file is never trusted for locking.
/// </summary>
internal sealed class HostChangeLock : IDisposable
{
    private readonly int _descriptor;
    private readonly FileStream? _handle;

    private HostChangeLock(string path, int descriptor, FileStream? handle)
    {
        Path = path;
        _descriptor = descriptor;
        _handle = handle;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock in <paramref name="stateDirectory"/> without waiting, recording <paramref name="command"/>
    /// as the holder; throws <see cref="ErrorKind.Busy"/> naming the holder when another process has it. A state
    /// directory or lock file that another account owns or may write is refused first (<see cref="StateDirectoryTrust"/>,
    /// <paramref name="trust"/> or the platform's): whoever planted the lock could otherwise block every change.
    /// </summary>
    public static HostChangeLock Acquire(string stateDirectory, string command, StateDirectoryTrust? trust = null)
    {
        trust ??= StateDirectoryTrust.ForThisHost;
        StateDirectory.Ensure(stateDirectory, trust);
        var path = StateDirectory.LockFileOf(stateDirectory);
        trust.CheckFile(path);
        var created = !File.Exists(path);
        var held = OperatingSystem.IsWindows() ? AcquireWindows(path) : AcquireUnix(path);
        if (created)
        {
            held.Adopt(trust);
        }

        held.WriteOwner(command);
        return held;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle is not null)
        {
            _handle.Dispose();
        }
        else if (_descriptor >= 0)
        {
            UnixFileCalls.ReleaseLock(_descriptor);
            _ = UnixFileCalls.Close(_descriptor);
        }
    }

    private static HostChangeLock AcquireUnix(string path)
    {
        var fd = UnixFileCalls.OpenLockFile(path, out var errno);
        if (fd < 0)
        {
            throw StateDirectory.Unusable(path, errno == 13 ? new UnauthorizedAccessException($"permission denied (errno {errno})") : new IOException($"open failed (errno {errno})"));
        }

        var error = UnixFileCalls.TryLockExclusive(fd);
        if (error != 0)
        {
            _ = UnixFileCalls.Close(fd);
            if (error == UnixFileCalls.WouldBlock)
            {
                throw Busy(path);
            }

            throw StateDirectory.Unusable(path, new IOException($"flock failed (errno {error})"));
        }

        return new HostChangeLock(path, fd, null);
    }

    private static HostChangeLock AcquireWindows(string path)
    {
        try
        {
            return new HostChangeLock(path, -1, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when ((e.HResult & 0xFFFF) is 32 or 33)
        {
            // ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION: another process has the file open.
            throw Busy(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StateDirectory.Unusable(path, e);
        }
    }

    private void Adopt(StateDirectoryTrust trust)
    {
        try
        {
            trust.Adopt(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Dispose();
            throw StateDirectory.Unusable(Path, e);
        }
    }

    private void WriteOwner(string command)
    {
        var owner = $"pid {Environment.ProcessId}: {command.ReplaceLineEndings(" ")}, since {DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture)}";
        try
        {
            // Not fsynced: the owner is a courtesy for the loser's message and means nothing after a crash.
            File.WriteAllText(Path + ".owner", owner + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock is held; failing to describe it must not stop the change.
        }
    }

    private static DscOffloadException Busy(string path)
    {
        var holder = "";
        try
        {
            var owner = File.ReadLines(path + ".owner").FirstOrDefault() ?? "";
            if (owner.StartsWith("pid ", StringComparison.Ordinal))
            {
                holder = $" ({(owner.Length > 300 ? owner[..300] + "…" : owner)})";
            }
        }
#pragma warning disable CA1031 // The owner file is informational; any problem reading it only shortens the message.
        catch (Exception)
#pragma warning restore CA1031
        {
            holder = "";
        }

        return new DscOffloadException(ErrorKind.Busy,
            $"another dscoffload change is running on this host{holder}; nothing was changed; try again when it has finished (lock: {path})");
    }
}
