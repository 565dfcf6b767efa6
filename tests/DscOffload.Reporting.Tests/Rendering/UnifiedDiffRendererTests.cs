using System.Globalization;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class UnifiedDiffRendererTests
{
    [Fact]
    public void Diff_HunkHeadersMatchTheirLinesSoDiffToolsCanReadIt()
    {
        var lines = RenderingFixtures.Render("diff", RenderingFixtures.Fleet()).TrimEnd('\n').Split('\n');

        var hunks = 0;
        int expectedOld = 1, expectedNew = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("--- ", StringComparison.Ordinal))
            {
                (expectedOld, expectedNew) = (1, 1);
                continue;
            }

            if (!lines[i].StartsWith("@@ ", StringComparison.Ordinal))
            {
                continue;
            }

            hunks++;
            var ranges = lines[i].Split(' ');
            var old = ranges[1][1..].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            var @new = ranges[2][1..].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            (old[0], @new[0]).Should().Be((expectedOld, expectedNew));
            int oldLines = 0, newLines = 0;
            for (var j = i + 1; j < lines.Length && lines[j].Length > 0 && lines[j][0] is ' ' or '-' or '+' && !lines[j].StartsWith("--- ", StringComparison.Ordinal); j++)
            {
                oldLines += lines[j][0] == '+' ? 0 : 1;
                newLines += lines[j][0] == '-' ? 0 : 1;
            }

            (oldLines, newLines).Should().Be((old[1], @new[1]), lines[i]);
            expectedOld += old[1];
            expectedNew += @new[1];
        }

        hunks.Should().Be(4);
    }

    [Fact]
    public void Diff_OfACompliantHost_IsEmpty()
    {
        RenderingFixtures.Render("diff", [RenderingFixtures.Envelope("web-01.result.json")]).Should().BeEmpty();
    }

    [Fact]
    public void Diff_NestedMembers_AppearUnderTheirParentKey()
    {
        var diff = RenderingFixtures.Render("diff", [RenderingFixtures.Envelope("web-02.result.json")]);

        diff.Should().Contain("     tcpipParameters:\n-      enableRSS: null\n+      enableRSS: false\n");
    }

    [Fact]
    public void Diff_ValueTheHostDoesNotHave_IsOnlyAnAddedLine()
    {
        var desired = new JObject { ["features"] = new JObject { ["rx-gro-hw"] = false } };
        var actual = new JObject { ["features"] = new JObject() };

        var diff = RenderingFixtures.Render("diff", [SyntheticEnvelopes.Host("h", "doc.yaml", SyntheticEnvelopes.Drift("I", "DscOffload.Linux/NetAdapterOffload", desired, actual))]);

        diff.Should().Contain("     features:\n+      rx-gro-hw: false\n").And.NotContain("-      rx-gro-hw");
        diff.Should().Contain("@@ -1,4 +1,5 @@");
    }
}
