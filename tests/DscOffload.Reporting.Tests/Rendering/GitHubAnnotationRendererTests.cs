using DscOffload.Reporting.Rendering;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class GitHubAnnotationRendererTests
{
    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static int LineOf(string documentText, string text) =>
        Array.FindIndex(documentText.Split('\n'), line => line.Trim() == text) + 1;

    /// <summary>Parses the property list of a workflow command line (between the command name and the second ::).</summary>
    private static Dictionary<string, string> Properties(string commandLine)
    {
        var start = commandLine.IndexOf(' ') + 1;
        var end = commandLine.IndexOf("::", 2, StringComparison.Ordinal);
        var result = new Dictionary<string, string>();
        foreach (var pair in commandLine[start..end].Split(','))
        {
            var equals = pair.IndexOf('=');
            result[pair[..equals]] = pair[(equals + 1)..];
        }

        return result;
    }

    [Theory]
    [InlineData("lsoIPv4", "lsoIPv4: false")]
    [InlineData("rss", "rss: false")]
    [InlineData("chimney", "chimney: Disabled")]
    [InlineData("tcpipParameters.enableRSS", "enableRSS: false")]
    public void Annotation_PointsAtTheDocumentLineThatAsksForTheSetting(string property, string documentLine)
    {
        var document = RenderingFixtures.DocumentText(RenderingFixtures.WindowsDocument);

        var output = RenderingFixtures.Render("github", RenderingFixtures.Fleet());

        var annotation = Lines(output).Single(l => l.StartsWith("::warning ", StringComparison.Ordinal) && l.Contains(" · " + property + "::", StringComparison.Ordinal));
        var properties = Properties(annotation);
        properties["file"].Should().Be(RenderingFixtures.WindowsDocument);
        properties["line"].Should().Be(LineOf(document, documentLine).ToString());
        var column = document.Split('\n')[LineOf(document, documentLine) - 1].IndexOf(documentLine.Split(':')[0], StringComparison.Ordinal) + 1;
        properties["col"].Should().Be(column.ToString());
    }

    [Fact]
    public void Annotation_ForASettingDriftedOnSeveralHosts_IsOneAnnotationNamingThem()
    {
        var output = RenderingFixtures.Render("github", RenderingFixtures.Fleet());

        var lso = Lines(output).Where(l => l.Contains("title=Drift%3A All adapters · lsoIPv4::", StringComparison.Ordinal)).ToList();
        lso.Should().ContainSingle();
        lso[0].Should().Contain("differs on 2 hosts:%0Aweb-02: Ethernet: true%0Aweb-03: Ethernet: true, Ethernet 3: true");
    }

    [Fact]
    public void Drift_IsAWarningByDefaultAndAnErrorWithFailOnDrift()
    {
        var envelopes = new[] { RenderingFixtures.Envelope("web-02.result.json") };

        var lenient = Lines(RenderingFixtures.Render("github", envelopes));
        var strict = Lines(RenderingFixtures.Render("github", [RenderingFixtures.Envelope("web-02.result.json")], RenderingFixtures.Options(failOnDrift: true)));

        lenient.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal)).Should().Be(5);
        lenient.Should().NotContain(l => l.StartsWith("::error", StringComparison.Ordinal));
        strict.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)).Should().Be(5);
        strict.Should().NotContain(l => l.StartsWith("::warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Escaping_EncodesPercentLineBreaksAndInPropertiesColonAndComma()
    {
        CiCommandEscaping.GitHubActions.EscapeData("100%, a:b\r\nc").Should().Be("100%25, a:b%0D%0Ac");
        CiCommandEscaping.GitHubActions.EscapeProperty("100%, a:b\r\nc").Should().Be("100%25%2C a%3Ab%0D%0Ac");
    }

    [Fact]
    public void Annotation_WithPercentColonCommaAndLineBreaksInNamesAndValues_IsEscapedAndStaysOneLine()
    {
        const string instance = "Tier 1: web, 100%";
        var desired = new JObject { ["advancedProperties"] = new JObject { ["*JumboPacket"] = "9014 (100%, a:b)" } };
        desired["advancedProperties"]!["*JumboPacket"]!.Located("doc.yaml", 12, 9);
        var actual = new JObject { ["advancedProperties"] = new JObject { ["*JumboPacket"] = "1514\nline two" } };
        var result = SyntheticEnvelopes.Drift(instance, "DscOffload.Windows/NetAdapterOffload", desired, actual);

        var output = RenderingFixtures.Render("github", [SyntheticEnvelopes.Host("web-09", "doc.yaml", result)]);

        var annotation = Lines(output).Single(l => l.StartsWith("::warning ", StringComparison.Ordinal));
        annotation.Should().StartWith("::warning file=doc.yaml,line=12,col=9,title=Drift%3A Tier 1%3A web%2C 100%25 · advancedProperties.*JumboPacket::");
        var message = annotation[(annotation.IndexOf("::", 2, StringComparison.Ordinal) + 2)..];
        message.Should().Be("Tier 1: web, 100%25 · advancedProperties.*JumboPacket: the document asks for 9014 (100%25, a:b); differs on 1 host:%0Aweb-09: \"1514\\nline two\"");
    }

    [Fact]
    public void HostNamesFromTheDocument_CannotInjectWorkflowCommands()
    {
        var result = SyntheticEnvelopes.Drift("x", "DscOffload.Windows/GlobalOffload", new JObject { ["chimney"] = "Disabled" }, new JObject { ["chimney"] = "Enabled" });
        var forged = SyntheticEnvelopes.Host("web\n::error file=forged.yaml::owned", "doc.yaml", result);
        var legacy = SyntheticEnvelopes.Host("##[error]owned", "doc.yaml", SyntheticEnvelopes.Drift("y", "DscOffload.Windows/GlobalOffload", new JObject { ["chimney"] = "Disabled" }, new JObject { ["chimney"] = "Enabled" }));

        var lines = Lines(RenderingFixtures.Render("github", [forged, legacy]));

        lines.Should().NotContain(l => l.TrimStart().StartsWith("::error file=forged", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("##[error]owned", StringComparison.Ordinal));
        lines.Where(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal))
            .Should().OnlyContain(l => l.StartsWith("::group::", StringComparison.Ordinal) || l == "::endgroup::"
                || l.StartsWith("::warning ", StringComparison.Ordinal) || l.StartsWith("::notice ", StringComparison.Ordinal));
    }

    [Fact]
    public void Annotations_AreCappedAtTenPerKindAndTheNoticeCountsTheRest()
    {
        var desired = new JObject();
        var actual = new JObject();
        for (var i = 1; i <= 25; i++)
        {
            desired[$"p{i:00}"] = new JValue(false).Located("doc.yaml", 10 + i);
            actual[$"p{i:00}"] = true;
        }

        var results = new List<JObject> { SyntheticEnvelopes.Drift("Many", "DscOffload.Windows/GlobalOffload", desired, actual) };
        for (var i = 1; i <= 12; i++)
        {
            var failure = SyntheticEnvelopes.Failure($"Broken {i}", "DscOffload.Windows/NetAdapterOffload", "no state recorded");
            failure["name"]!.Located("doc.yaml", 100 + i);
            results.Add(failure);
        }

        var lines = Lines(RenderingFixtures.Render("github", [SyntheticEnvelopes.Host("web-01", "doc.yaml", [.. results])]));

        lines.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal)).Should().Be(10);
        lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)).Should().Be(10);
        var notice = lines.Should().ContainSingle(l => l.StartsWith("::notice ", StringComparison.Ordinal)).Which;
        notice.Should().Contain("17 more annotations were left out").And.Contain("job summary");
        lines.Count(l => l.StartsWith("drift: Many · p", StringComparison.Ordinal)).Should().Be(25, "the log still lists every setting");
    }

    [Fact]
    public void EachHostWithDriftOrErrors_IsOneFoldedGroup()
    {
        var lines = Lines(RenderingFixtures.Render("github", RenderingFixtures.Fleet()));

        lines.Where(l => l.StartsWith("::group::", StringComparison.Ordinal)).Select(l => l.Split(':')[4])
            .Should().Equal("web-02", "web-03", "lnx-01");
        lines.Count(l => l == "::endgroup::").Should().Be(3);
        lines.Should().Contain("in desired state: web-01 (2 instances)");
    }
}
