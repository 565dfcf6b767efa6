using System.Runtime.InteropServices;
using System.Text;

namespace DscOffload.Core.Safety;

/// <summary>
/// The file calls .NET does not offer on Linux and other Unix systems: an exclusive advisory lock that the
/// kernel drops when the holding process dies (<c>flock</c>) and flushing a directory entry to disk
/// (<c>fsync</c> on the directory). Source-generated marshalling with blittable arguments only, so it works
/// under Native AOT; descriptors cross as <c>int</c> as C declares them.
/// </summary>
internal static unsafe partial class UnixFileCalls
{
    private const string Library = "libc";

    // O_RDONLY, O_RDWR, O_CREAT and O_CLOEXEC as Linux defines them (x86-64 and arm64 alike).
    private const int ReadOnly = 0x0;
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int Directory = 0x10000;

    // LOCK_EX | LOCK_NB, and LOCK_UN.
    private const int LockExclusiveNonBlocking = 2 | 4;
    private const int Unlock = 8;

    /// <summary>errno EWOULDBLOCK (EAGAIN) on Linux: the lock is held by another open file.</summary>
    public const int WouldBlock = 11;

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte* path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int directoryFd, byte* path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "lchown", SetLastError = true)]
    private static partial int Lchown(byte* path, uint owner, uint group);

    /// <summary>The effective user id of this process.</summary>
    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint EffectiveUserId();

    // struct statx has the same layout on every Linux architecture (unlike struct stat): 256 bytes, stx_uid at
    // offset 20 and stx_gid at 24. AT_FDCWD, AT_SYMLINK_NOFOLLOW, STATX_UID | STATX_GID.
    private const int StatxSize = 256;
    private const int StatxUidOffset = 20;
    private const int StatxGidOffset = 24;
    private const int StatxModeOffset = 28;
    private const uint ModeUidAndGid = 0x2 | 0x8 | 0x10;
    private const int CurrentDirectory = -100;
    private const int NoFollow = 0x100;
    private const uint UidAndGid = 0x8 | 0x10;

    /// <summary>The owner and group of <paramref name="path"/> (not following a final link), or null when it cannot be read.</summary>
    public static (uint Owner, uint Group)? OwnerOf(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        var bytes = NulTerminated(path);
        fixed (byte* p = bytes)
        {
            if (Statx(CurrentDirectory, p, NoFollow, UidAndGid, buffer) != 0)
            {
                return null;
            }
        }

        return (*(uint*)(buffer + StatxUidOffset), *(uint*)(buffer + StatxGidOffset));
    }

    /// <summary>
    /// The owner and the file type and permission bits (<c>st_mode</c>) of <paramref name="path"/>, not following a final
    /// link; null when it does not exist or cannot be read.
    /// </summary>
    public static (uint Owner, uint Mode)? OwnerAndModeOf(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        var bytes = NulTerminated(path);
        fixed (byte* p = bytes)
        {
            if (Statx(CurrentDirectory, p, NoFollow, ModeUidAndGid, buffer) != 0)
            {
                return null;
            }
        }

        return (*(uint*)(buffer + StatxUidOffset), *(ushort*)(buffer + StatxModeOffset));
    }

    /// <summary>Sets the owner and group of <paramref name="path"/> (not following a final link); returns 0 or the errno.</summary>
    public static int ChangeOwner(string path, uint owner, uint group)
    {
        var bytes = NulTerminated(path);
        fixed (byte* p = bytes)
        {
            return Lchown(p, owner, group) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    private static byte[] NulTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    /// <summary>Opens (creating with mode 0600) <paramref name="path"/> for the lock; returns the descriptor or -1 with errno.</summary>
    public static int OpenLockFile(string path, out int errno)
    {
        var fd = OpenPath(path, ReadWrite | Create | CloseOnExec, 0x180);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    /// <summary>Takes the exclusive lock without waiting; returns 0 or the errno (<see cref="WouldBlock"/> when held elsewhere).</summary>
    public static int TryLockExclusive(int fd) => Flock(fd, LockExclusiveNonBlocking) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>
    /// Releases the lock explicitly. Closing is not enough when a process forked by this one (between fork and
    /// exec) still holds a copy of the descriptor: the lock belongs to the open file, not to one descriptor.
    /// </summary>
    public static void ReleaseLock(int fd) => _ = Flock(fd, Unlock);

    /// <summary>
    /// Flushes the entries of <paramref name="directory"/> (a rename inside it) to disk. Best effort: a file
    /// system that cannot sync directories leaves the rename to its own journal.
    /// </summary>
    public static void SyncDirectory(string directory)
    {
        var fd = OpenPath(directory, ReadOnly | Directory | CloseOnExec, 0);
        if (fd < 0)
        {
            return;
        }

        _ = Fsync(fd);
        _ = Close(fd);
    }

    private static int OpenPath(string path, int flags, uint mode)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        fixed (byte* p = bytes)
        {
            return Open(p, flags, mode);
        }
    }
}
