using System.Text;
using DscOffload.Core.Protocol;

namespace DscOffload.Cli.Output;

/// <summary>
/// The process's stdout and stderr as UTF-8 without BOM (dsc fails on a BOM), stdout buffered 4,096
/// characters at a time (a resource call's output is one write; the 64 K buffer this had put its two arrays on
/// the large object heap at every start), plus whether each is a terminal. Outside Windows they are written
/// through the descriptors (<see cref="UnixDescriptorStream"/>), which skips setting up <see cref="Console"/>.
/// </summary>
public sealed class StandardStreams : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens the real streams.</summary>
    public StandardStreams()
    {
        var windows = OperatingSystem.IsWindows();
        Out = new StreamWriter(windows ? Console.OpenStandardOutput() : new UnixDescriptorStream(1), Utf8, 1 << 12) { AutoFlush = false, NewLine = "\n" };
        Error = new StreamWriter(windows ? Console.OpenStandardError() : new UnixDescriptorStream(2), Utf8, 1 << 12) { AutoFlush = true, NewLine = "\n" };
        OutIsTerminal = !Console.IsOutputRedirected;
        ErrorIsTerminal = !Console.IsErrorRedirected;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>True when stdout is a terminal (human formats by default).</summary>
    public bool OutIsTerminal { get; }

    /// <summary>True when stderr is a terminal (progress display).</summary>
    public bool ErrorIsTerminal { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Out.Flush();
        Error.Flush();
    }
}
