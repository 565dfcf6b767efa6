using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Documents;

/// <summary>
/// Maps character offsets in a text to 1-based line/column positions and back. Line breaks are
/// <c>\r\n</c>, <c>\r</c> and <c>\n</c>, the same set Newtonsoft's reader counts, so the positions
/// it reports can be turned into offsets.
/// </summary>
internal sealed class TextLineMap
{
    private readonly string file;
    private readonly int length;
    private readonly int[] starts;
    private readonly int count;
    private int hint;

    public TextLineMap(string text, string file)
    {
        this.file = file;
        length = text.Length;
        var found = new int[16];
        var lines = 1;
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var next = span[i..].IndexOfAny('\r', '\n');
            if (next < 0)
            {
                break;
            }

            i += next;
            i += span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n' ? 2 : 1;
            if (lines == found.Length)
            {
                Array.Resize(ref found, lines * 2);
            }

            found[lines++] = i;
        }

        starts = found;
        count = lines;
    }

    /// <summary>The offset of a 1-based line and a count of characters already consumed on it.</summary>
    public int OffsetOf(int line, int consumedOnLine)
    {
        var index = Math.Clamp(line, 1, count) - 1;
        return Math.Min(starts[index] + Math.Max(consumedOnLine, 0), length);
    }

    /// <summary>The location of an offset. Fast for offsets that only move forward.</summary>
    public SourceLocation LocationOf(int offset)
    {
        var line = hint;
        if (line >= count || starts[line] > offset)
        {
            line = 0;
        }

        if (line + 1 < count && starts[line + 1] <= offset)
        {
            // Jump by binary search rather than walking line by line.
            var lo = line + 1;
            var hi = count - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) >> 1;
                if (starts[mid] <= offset)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            line = lo;
        }

        hint = line;
        return new SourceLocation(file, line + 1, offset - starts[line] + 1);
    }
}
