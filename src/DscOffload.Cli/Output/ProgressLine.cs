using System.Diagnostics;
using System.Globalization;

namespace DscOffload.Cli.Output;

/// <summary>
/// The one-line progress display of a long fleet run (<c>12,345 / 100,000 hosts</c>), rewritten in place on
/// stderr at most every 100 ms. Only for a terminal: redirected stderr never sees it, so logs and scripts that
/// read stderr get exactly the error and warning lines.
/// </summary>
public sealed class ProgressLine(TextWriter error, bool enabled)
{
    private const string ClearLine = "\r\u001b[2K";
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _last = -1000;
    private bool _shown;

    /// <summary>The text written for <paramref name="done"/> of <paramref name="total"/> hosts, from the start of the line.</summary>
    public static string Text(int done, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{ClearLine}{done:N0} / {total:N0} hosts");

    /// <summary>Shows <paramref name="done"/> of <paramref name="total"/>, unless shown less than 100 ms ago.</summary>
    public void Update(int done, int total)
    {
        if (!enabled || _clock.ElapsedMilliseconds - _last < 100)
        {
            return;
        }

        _last = _clock.ElapsedMilliseconds;
        _shown = true;
        error.Write(Text(done, total));
    }

    /// <summary>Removes the line, so what follows on stderr starts on a clean line.</summary>
    public void Clear()
    {
        if (_shown)
        {
            error.Write(ClearLine);
            _shown = false;
        }
    }
}
