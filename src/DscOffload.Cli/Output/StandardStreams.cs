using System.Text;
using DscOffload.Core.Protocol;

namespace DscOffload.Cli.Output;

/// <summary>
/// The process's stdout and stderr as UTF-8 without BOM (dsc fails on a BOM), stdout buffered 4 K characters (64 K
/// put two arrays on the large object heap at every start), outside Windows written through the descriptors
/// (<see cref="UnixDescriptorStream"/>: no <see cref="Console"/> set-up), plus whether each is a terminal.
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
