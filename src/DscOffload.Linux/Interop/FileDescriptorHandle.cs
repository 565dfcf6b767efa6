using System.Runtime.InteropServices;

namespace DscOffload.Linux.Interop;

/// <summary>
/// Owns a Linux file descriptor (socket or namespace file) so it is closed exactly once, even when a
/// caller forgets to dispose. -1 is the invalid value; 0 is a valid descriptor.
/// </summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    /// <summary>Takes ownership of a descriptor a libc call returned (may be -1 for failure).</summary>
    public FileDescriptorHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle < 0;

    /// <summary>The raw descriptor number, for calls that take an <c>int</c>.</summary>
    public int Number => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
