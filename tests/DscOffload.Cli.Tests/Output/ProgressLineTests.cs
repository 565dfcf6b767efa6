using DscOffload.Cli.Output;

namespace DscOffload.Cli.Tests.Output;

/// <summary>The fleet progress line: a count rewritten in place, written only when enabled (stderr is a terminal).</summary>
public sealed class ProgressLineTests
{
    [Fact]
    public void Text_CountsHostsWithThousandsSeparators_FromTheStartOfACleanLine()
    {
        ProgressLine.Text(12_345, 100_000).Should().Be("\r\u001b[2K12,345 / 100,000 hosts");
    }

    [Fact]
    public void Update_WhenDisabled_WritesNothing()
    {
        var error = new StringWriter();
        var progress = new ProgressLine(error, enabled: false);

        progress.Update(1, 10);
        progress.Clear();

        error.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Update_WhenEnabled_ShowsTheCountAndClearRemovesIt()
    {
        var error = new StringWriter();
        var progress = new ProgressLine(error, enabled: true);

        progress.Update(1, 10);
        progress.Update(2, 10); // within 100 ms of the first: not redrawn
        progress.Clear();

        error.ToString().Should().Be("\r\u001b[2K1 / 10 hosts\r\u001b[2K");
    }
}
