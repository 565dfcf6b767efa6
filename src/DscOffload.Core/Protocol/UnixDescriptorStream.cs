using System.Runtime.InteropServices;

namespace DscOffload.Core.Protocol;

/// <summary>
/// A write-only stream over an inherited Unix file descriptor (1 or 2), written with <c>write</c> directly;
/// the CLI writes stdout and stderr through it outside Windows. <see cref="Console.OpenStandardOutput()"/>
/// gives the same bytes, but its first write initialises the console: it reads terminal settings, installs
/// signal handlers and starts a signal-handling thread, which <c>dsc</c> would pay again in every resource
/// process (docs/performance.md). Errors are handled as
/// Console's stream handles them: a reader that has gone away (EPIPE; the runtime ignores SIGPIPE) drops the
/// rest silently, a non-blocking descriptor is waited on, anything else is an <see cref="IOException"/>.
/// The descriptor is not closed.
/// </summary>
internal sealed partial class UnixDescriptorStream : Stream
{
    // errno values and poll's POLLOUT as Linux defines them (x86-64 and arm64 alike).
    private const int Interrupted = 4;
    private const int WouldBlock = 11;
    private const int BrokenPipe = 32;
    private const short PollOut = 4;

    private readonly int _descriptor;

    /// <summary>Wraps <paramref name="descriptor"/>, which stays open.</summary>
    public UnixDescriptorStream(int descriptor) => _descriptor = descriptor;

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush()
    {
        // Every write goes straight to the descriptor.
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var written = WriteCall(_descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            switch (Marshal.GetLastPInvokeError())
            {
                case Interrupted:
                    break;
                case BrokenPipe:
                    return;
                case WouldBlock:
                    var poll = new PollDescriptor { Descriptor = _descriptor, Events = PollOut };
                    _ = Poll(ref poll, 1, -1);
                    break;
                case var error:
                    throw new IOException($"{Marshal.GetPInvokeErrorMessage(error)} (writing to descriptor {_descriptor})", error);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteCall(int descriptor, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollDescriptor descriptors, nuint count, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
