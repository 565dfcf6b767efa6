using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>
/// Interface enumeration through libc <c>if_nameindex</c>. glibc answers it with a netlink dump on a
/// fresh socket, so the result is the network namespace of the calling thread at the time of the call.
/// </summary>
internal static unsafe class InterfaceNameIndex
{
    /// <summary>Names and indexes of all interfaces; 0 or errno.</summary>
    public static int TryList(out List<(string Name, int IfIndex)> interfaces)
    {
        interfaces = [];
        var entries = LibC.InterfaceNameIndex();
        if (entries is null)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            for (var entry = entries; entry->Index != 0 || entry->Name != 0; entry++)
            {
                var name = Marshal.PtrToStringUTF8(entry->Name);
                if (name is { Length: > 0 })
                {
                    interfaces.Add((name, (int)entry->Index));
                }
            }
        }
        finally
        {
            LibC.FreeInterfaceNameIndex(entries);
        }

        return 0;
    }
}
