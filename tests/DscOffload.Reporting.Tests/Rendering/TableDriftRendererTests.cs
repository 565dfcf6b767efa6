using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class TableDriftRendererTests
{
    [Fact]
    public void Table_EndsWithTheFleetSummaryLine()
    {
        var lines = RenderingFixtures.Render("table", RenderingFixtures.Fleet()).TrimEnd('\n').Split('\n');

        lines[^1].Should().Be("4 hosts: 1 in desired state, 3 drifted (12 properties), 1 error on 1 host");
    }

    [Fact]
    public void Table_WritesAnsiColourOnlyWhenAsked()
    {
        RenderingFixtures.Render("table", RenderingFixtures.Fleet()).Should().NotContain("\u001b[");
        RenderingFixtures.Render("table", RenderingFixtures.Fleet(), RenderingFixtures.Options(color: true)).Should().Contain("\u001b[31m").And.Contain("\u001b[0m");
    }

    [Fact]
    public void Rows_OfAHost_AreAlignedOnTheArrowAndTheDocumentColumn()
    {
        var lines = RenderingFixtures.Render("table", [RenderingFixtures.Envelope("web-03.result.json")]).Split('\n');

        var rows = lines.Where(l => l.Contains(" → ", StringComparison.Ordinal)).ToList();
        rows.Should().HaveCount(4);
        rows.Select(r => r.IndexOf(" → ", StringComparison.Ordinal)).Distinct().Should().ContainSingle();
        rows.Select(r => r.IndexOf("examples/", StringComparison.Ordinal)).Distinct().Should().ContainSingle();
        var header = lines.Single(l => l.TrimStart().StartsWith("INSTANCE", StringComparison.Ordinal));
        header.IndexOf("PROPERTY", StringComparison.Ordinal).Should().Be(rows[0].IndexOf("lsoIPv4", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_WithLineBreaksOrThatLookLikeOtherTypes_AreQuotedSoEachRowStaysOneLine()
    {
        var desired = new JObject { ["a"] = "true", ["b"] = "x\ny", ["c"] = "" };
        var actual = new JObject { ["a"] = true, ["b"] = "x", ["c"] = JValue.CreateNull() };

        var table = RenderingFixtures.Render("table", [SyntheticEnvelopes.Host("h", "doc.yaml", SyntheticEnvelopes.Drift("I", "T/U", desired, actual))]);

        var lines = table.TrimEnd('\n').Split('\n');
        lines.Should().HaveCount(6, "host line, header, three rows and the summary");
        lines[2].Should().MatchRegex(@"^  I +a +true +→ ""true"" +doc\.yaml:1:1$");
        lines[3].Should().MatchRegex(@"^  I +b +x +→ ""x\\ny"" +doc\.yaml:1:1$");
        lines[4].Should().MatchRegex(@"^  I +c +null +→ """" +doc\.yaml:1:1$");
    }

    [Fact]
    public void LongErrorMessages_KeepTheirEnd_WhichSaysWhatToDo()
    {
        var error = "'eth0' failed: " + new string('x', 400) + "; to restore the state saved before this set run 'dscoffload rollback --id 20261126T000000000Z-abcdef'";

        var table = RenderingFixtures.Render("table", [SyntheticEnvelopes.Host("h", "doc.yaml", SyntheticEnvelopes.Failure("I", "T/U", error))]);

        table.Should().Contain("dscoffload rollback --id 20261126T000000000Z-abcdef'").And.NotContain("…");
    }

    [Fact]
    public void FailedInstancesAndWarnings_AreListedUnderTheirHost()
    {
        var table = RenderingFixtures.Render("table", [RenderingFixtures.Envelope("web-03.result.json")]);

        table.Should().Contain("  error  Global offload: no state recorded for DscOffload.Windows/GlobalOffload")
            .And.Contain("  warning  All adapters: snapshot examples/snapshots/web-03.dsc.json was recorded 41 days ago");
    }
}
