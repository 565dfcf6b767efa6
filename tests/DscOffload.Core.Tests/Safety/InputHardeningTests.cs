using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;

namespace DscOffload.Core.Tests.Safety;

public class InputHardeningTests
{
    [Theory]
    [InlineData("\u001b")]
    [InlineData("\u0007")]
    [InlineData("\u007f")]
    [InlineData("\u009b")]
    public void Parse_RawControlCharacter_IsRejectedWithItsLocation(string control)
    {
        var act = () => StructuredTextParser.Parse($"name: v0\nfeatures: {{gro{control}: false}}\n", "doc.yaml");

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.InvalidInput && e.OneLine.StartsWith("doc.yaml:2:15: the text contains the control character U+", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TabsAndCarriageReturns_AreAccepted()
    {
        var token = StructuredTextParser.Parse("name: \"a\tb\"\r\nnote: x\r\n", "doc.yaml");

        token["name"]!.ToString().Should().Be("a\tb");
    }

    [Fact]
    public void ReadText_FromAnEndlessStream_StopsJustPastTheLimit()
    {
        using var endless = new EndlessStream();

        var act = () => StructuredTextParser.ReadText(endless, "--input");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.InvalidInput && e.OneLine == "--input:1:1: the input is larger than 8 MiB (InputLimits.MaxInputBytes)");
        endless.BytesRead.Should().BeLessThanOrEqualTo(InputLimits.MaxInputBytes + (64 * 1024));
    }

    [Fact]
    public void ReadText_DecodesStrictUtf8AndDropsTheByteOrderMark()
    {
        using var bom = new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"name\": \"é\"}")]);
        StructuredTextParser.ReadText(bom, "--input").Should().Be("{\"name\": \"é\"}");

        using var latin1 = new MemoryStream([.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xE9, .. Encoding.UTF8.GetBytes("\"}")]);
        var act = () => StructuredTextParser.ReadText(latin1, "--input");
        act.Should().Throw<DscOffloadException>().Where(e => e.OneLine.StartsWith("--input:1:11: the file is not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void OneLine_ShowsEscapedControlCharactersInsteadOfSendingThemToTheTerminal()
    {
        var error = new DscOffloadException(ErrorKind.ValidationFailed, "unknown property 'a\u001b[2Jb'\nsecond line", new SourceLocation("doc.yaml", 3, 5));

        error.OneLine.Should().Be("doc.yaml:3:5: unknown property 'a\\u001B[2Jb' second line");
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
