using System.Diagnostics;
using System.Text;
using DscOffload.Reporting.Drift;
using DscOffload.Reporting.Rendering;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class MarkdownSummaryRendererTests
{
    private const int OneMebibyte = 1024 * 1024;

    [Fact]
    public void Summary_StartsWithTheCountsBeforeAnyDetail()
    {
        var markdown = RenderingFixtures.Render("markdown", RenderingFixtures.Fleet());

        var counts = markdown.IndexOf("| 4 | 1 | 3 | 1 | 12 | 1 |", StringComparison.Ordinal);
        counts.Should().BePositive();
        counts.Should().BeLessThan(markdown.IndexOf("<details>", StringComparison.Ordinal));
        markdown.Should().Contain("**3 of 4 hosts drifted, 1 with errors.**");
    }

    [Fact]
    public void EveryHostWithDriftOrErrors_IsFoldedInDetailsAndCompliantHostsAreNot()
    {
        var markdown = RenderingFixtures.Render("markdown", RenderingFixtures.Fleet());

        markdown.Should().Contain("<details><summary>web-02: 5 properties drifted in 2 instances</summary>")
            .And.Contain("<details><summary>web-03: 4 properties drifted in 1 instance, 1 error</summary>")
            .And.Contain("<details><summary>lnx-01: 3 properties drifted in 1 instance</summary>")
            .And.NotContain("<summary>web-01");
        CountOf(markdown, "<details>").Should().Be(CountOf(markdown, "</details>"));
    }

    [Fact]
    public void AllInDesiredState_SaysSoWithoutDetails()
    {
        var markdown = RenderingFixtures.Render("markdown", [RenderingFixtures.Envelope("web-01.result.json")]);

        markdown.Should().Contain("**The host is in desired state.**").And.NotContain("<details>");
    }

    [Fact]
    public void NamesAndValues_AreEscapedSoTheyCannotBreakTablesOrMarkup()
    {
        var result = SyntheticEnvelopes.Drift("a|b <script>", "DscOffload.Windows/GlobalOffload", new JObject { ["chimney"] = "$x$ *y*" }, new JObject { ["chimney"] = "[z](http://e)" });

        var markdown = RenderingFixtures.Render("markdown", [SyntheticEnvelopes.Host("h&<1>", "doc.yaml", result)]);

        markdown.Should().Contain("| a\\|b \\<script\\> |  | chimney | \\[z\\](http://e) | \\$x\\$ \\*y\\* |")
            .And.Contain("<summary>h&amp;&lt;1&gt;: ")
            .And.NotContain("<script>");
    }

    [Fact]
    public void TwentyThousandDriftedHosts_StayUnderOneMebibyteAndSayHowManyAreLeftOut()
    {
        var template = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-03.result.json"));
        var clock = Stopwatch.StartNew();
        using var output = new StringWriter { NewLine = "\n" };
        var renderer = new MarkdownSummaryRenderer(output, RenderingFixtures.Options());
        renderer.Begin();
        for (var i = 0; i < 20_000; i++)
        {
            renderer.AddHost(Rehosted(template, $"web-{i:00000}"));
        }

        renderer.Complete();
        clock.Stop();

        var markdown = output.ToString();
        Encoding.UTF8.GetByteCount(markdown).Should().BeLessThan(OneMebibyte);
        var shown = CountOf(markdown, "<details>");
        shown.Should().BePositive();
        markdown.Should().Contain($"_{20_000 - shown} more hosts with drift or errors are not listed");
        markdown.Should().Contain("| 20000 | 0 | 20000 | 20000 | 80000 | 20000 |");
        markdown.Should().Contain("| examples/fast-search-baseline.dsc.yaml:24 | All adapters | lsoIPv4 | false | 20000 |");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the summary must not cost more than the run it summarises");
    }

    [Fact]
    public void SmallBudget_IsRespectedByDroppingHostDetails()
    {
        var options = new DriftRenderOptions { ToolVersion = "0.1.0-test", MarkdownMaxBytes = 3500 };

        var markdown = RenderingFixtures.Render("markdown", RenderingFixtures.Fleet(), options);

        Encoding.UTF8.GetByteCount(markdown).Should().BeLessThanOrEqualTo(3500);
        markdown.Should().Contain("more host");
    }

    /// <summary>The template host's result as if it came from <paramref name="host"/> (cheaper than cloning 20,000 envelopes).</summary>
    private static HostDriftReport Rehosted(HostDriftReport template, string host)
    {
        var instances = new List<InstanceOutcome>(template.Instances.Count);
        foreach (var instance in template.Instances)
        {
            instances.Add(instance with { DriftItems = instance.DriftItems.Select(item => item with { Host = host }).ToList() });
        }

        return new HostDriftReport(host, template.Run, instances, template.Messages, template.HadErrors);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
