using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace DscOffload.Linux.Tests.Privileged;

/// <summary>
/// Runs code on a new thread without a capability in its effective set. Linux capabilities belong to
/// threads, so this shows how an unprivileged caller is treated without changing the test process.
/// </summary>
public static partial class ThreadCapabilities
{
    /// <summary><c>CAP_NET_ADMIN</c>.</summary>
    public const int NetAdmin = 12;

    private const uint Version3 = 0x20080522;

    public static T RunWithout<T>(int capability, Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropEffective(capability);
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static unsafe void DropEffective(int capability)
    {
        var header = new CapabilityHeader { Version = Version3, Pid = 0 };
        var data = stackalloc CapabilityData[2];
        if (CapGet(&header, data) != 0)
        {
            throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }

        data[capability / 32].Effective &= ~(1u << (capability % 32));
        if (CapSet(&header, data) != 0)
        {
            throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static unsafe partial int CapGet(CapabilityHeader* header, CapabilityData* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static unsafe partial int CapSet(CapabilityHeader* header, CapabilityData* data);

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }
}
