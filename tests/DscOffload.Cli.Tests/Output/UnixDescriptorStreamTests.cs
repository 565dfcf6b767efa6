using System.IO.Pipes;
using System.Text;
using DscOffload.Core.Protocol;

namespace DscOffload.Cli.Tests.Output;

/// <summary>
/// The standard streams outside Windows: writes reach the descriptor whole, and a reader that has gone away
/// ends the output silently, as Console's own stream does (so piping into <c>head</c> is not an error).
/// </summary>
public class UnixDescriptorStreamTests
{
    [Fact]
    public async Task Write_ToAPipe_DeliversEveryByteInOrder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var reader = new AnonymousPipeServerStream(PipeDirection.In);
        var descriptor = (int)reader.ClientSafePipeHandle.DangerousGetHandle();
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},"));
        var expected = Encoding.UTF8.GetBytes(text);
        var received = new MemoryStream();
        var copy = Task.Run(() => reader.CopyTo(received));

        using (var stream = new UnixDescriptorStream(descriptor))
        {
            stream.Write(expected, 0, 10);
            stream.Write(expected.AsSpan(10));
        }

        reader.DisposeLocalCopyOfClientHandle(); // the last write end: the copy sees the end of the data
        await copy.WaitAsync(TimeSpan.FromSeconds(10));
        received.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Write_AfterTheReaderHasGone_DropsTheOutputWithoutAnError()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var reader = new AnonymousPipeServerStream(PipeDirection.In);
        using var writeEnd = reader.ClientSafePipeHandle;
        reader.Dispose(); // the read end: the write end stays open without a reader
        using var stream = new UnixDescriptorStream((int)writeEnd.DangerousGetHandle());

        var write = () => stream.Write("{\"name\":\"eth0\"}"u8);

        write.Should().NotThrow();
    }

    [Fact]
    public void Write_ToADescriptorThatIsNotOpen_IsAnIOException()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var stream = new UnixDescriptorStream(int.MaxValue);

        var write = () => stream.Write("x"u8);

        write.Should().Throw<IOException>().WithMessage("*descriptor*");
    }
}
