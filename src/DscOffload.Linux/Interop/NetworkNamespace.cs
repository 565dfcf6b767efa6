using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Linux.Interop;

/// <summary>
/// A named network namespace (<c>ip netns</c> keeps them as bind mounts under <c>/var/run/netns</c>) and
/// a way to run code inside it. <c>setns(CLONE_NEWNET)</c> switches only the calling thread, and a
/// socket keeps the namespace it was created in, so code needing the namespace runs on a short-lived
/// dedicated thread: no pooled or caller thread can ever be left in the wrong namespace, even if
/// switching back fails.
/// </summary>
internal sealed unsafe class NetworkNamespace : IDisposable
{
    /// <summary>Where <c>ip netns add</c> creates namespace files.</summary>
    public const string NamedNamespaceDirectory = "/var/run/netns";

    private const string CurrentThreadNamespacePath = "/proc/thread-self/ns/net";

    private readonly FileDescriptorHandle _fd;

    private NetworkNamespace(string name, FileDescriptorHandle fd)
    {
        Name = name;
        _fd = fd;
    }

    /// <summary>The namespace name as <c>ip netns</c> shows it.</summary>
    public string Name { get; }

    /// <summary>Opens <c>/var/run/netns/&lt;name&gt;</c>.</summary>
    /// <exception cref="DscOffloadException">Bad name (InvalidInput), missing (NoMatch), no access (ElevationRequired).</exception>
    public static NetworkNamespace Open(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                $"'{name}' is not a network namespace name (a non-empty file name under {NamedNamespaceDirectory}, without '/')");
        }

        var path = $"{NamedNamespaceDirectory}/{name}";
        var errno = TryOpenFile(path, out var fd);
        return errno switch
        {
            0 => new NetworkNamespace(name, fd!),
            Errno.ENOENT => throw new DscOffloadException(ErrorKind.NoMatch, $"network namespace '{name}' does not exist (no {path})"),
            Errno.EACCES or Errno.EPERM => throw new DscOffloadException(ErrorKind.ElevationRequired, $"opening network namespace '{name}' ({path}) needs root"),
            _ => throw new DscOffloadException(ErrorKind.Unexpected, $"opening network namespace '{name}' ({path}) failed: {Errno.Describe(errno)}"),
        };
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a new thread switched into this namespace, switching back
    /// before the thread ends, and rethrows its exception on the caller.
    /// </summary>
    public T Run<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = RunOnCurrentThread(action);
                }
#pragma warning disable CA1031 // Every exception is carried back to the calling thread and rethrown there.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "dscoffload netns " + Name,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();

    private T RunOnCurrentThread<T>(Func<T> action)
    {
        var errno = TryOpenFile(CurrentThreadNamespacePath, out var original);
        if (errno != 0)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"reading the current network namespace ({CurrentThreadNamespacePath}) failed: {Errno.Describe(errno)}");
        }

        using (original)
        {
            if (LibC.SetNamespace(_fd.Number, LibC.CloneNewNet) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
                throw errno is Errno.EPERM or Errno.EACCES
                    ? new DscOffloadException(ErrorKind.ElevationRequired, $"entering network namespace '{Name}' needs root (CAP_SYS_ADMIN)")
                    : new DscOffloadException(ErrorKind.Unexpected, $"entering network namespace '{Name}' failed: {Errno.Describe(errno)}");
            }

            T result = default!;
            ExceptionDispatchInfo? failure = null;
            try
            {
                result = action();
            }
#pragma warning disable CA1031 // Rethrown below, after the thread is back in its own namespace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }

            if (LibC.SetNamespace(original!.Number, LibC.CloneNewNet) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
                // The thread ends right after this, so nothing else runs in the wrong namespace.
                throw new DscOffloadException(ErrorKind.Unexpected, $"returning from network namespace '{Name}' failed: {Errno.Describe(errno)}");
            }

            failure?.Throw();
            return result;
        }
    }

    private static int TryOpenFile(string path, out FileDescriptorHandle? fd)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        int number;
        fixed (byte* p = bytes)
        {
            number = LibC.Open(p, LibC.OpenReadOnlyCloseOnExec);
        }

        if (number < 0)
        {
            fd = null;
            return Marshal.GetLastPInvokeError();
        }

        fd = new FileDescriptorHandle(number);
        return 0;
    }
}
