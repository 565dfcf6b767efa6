using System.Text;

namespace DscOffload.Cli.Output;

/// <summary>
/// The process's stdout and stderr as UTF-8 without BOM (dsc fails on a BOM), buffered and flushed
/// once, plus whether each is a terminal.
/// </summary>
public sealed class StandardStreams : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens the real streams.</summary>
    public StandardStreams()
    {
        Out = new StreamWriter(Console.OpenStandardOutput(), Utf8, 1 << 16) { AutoFlush = false, NewLine = "\n" };
        Error = new StreamWriter(Console.OpenStandardError(), Utf8, 1 << 12) { AutoFlush = true, NewLine = "\n" };
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
