using DscOffload.Reporting.Rendering;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class AzurePipelinesRendererTests
{
    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string? TaskComplete(string output) =>
        Lines(output).SingleOrDefault(l => l.StartsWith("##vso[task.complete", StringComparison.Ordinal));

    [Fact]
    public void TaskComplete_AllInDesiredState_IsNotWritten()
    {
        TaskComplete(RenderingFixtures.Render("azure", [RenderingFixtures.Envelope("web-01.result.json")])).Should().BeNull();
    }

    [Fact]
    public void TaskComplete_DriftWithoutFailOnDrift_IsSucceededWithIssues()
    {
        TaskComplete(RenderingFixtures.Render("azure", [RenderingFixtures.Envelope("web-02.result.json")]))
            .Should().StartWith("##vso[task.complete result=SucceededWithIssues;]");
    }

    [Fact]
    public void TaskComplete_DriftWithFailOnDrift_IsFailed()
    {
        TaskComplete(RenderingFixtures.Render("azure", [RenderingFixtures.Envelope("web-02.result.json")], RenderingFixtures.Options(failOnDrift: true)))
            .Should().StartWith("##vso[task.complete result=Failed;]");
    }

    [Fact]
    public void TaskComplete_FailedInstance_IsFailedEvenWithoutFailOnDrift()
    {
        TaskComplete(RenderingFixtures.Render("azure", [RenderingFixtures.Envelope("web-01.result.json"), RenderingFixtures.Envelope("web-03.result.json")]))
            .Should().StartWith("##vso[task.complete result=Failed;]");
    }

    [Fact]
    public void Escaping_FollowsAzureRulesForPropertiesAndMessages()
    {
        CiCommandEscaping.AzurePipelines.EscapeProperty("a;b]c%d\r\ne").Should().Be("a%3Bb%5Dc%AZP25d%0D%0Ae");
        CiCommandEscaping.AzurePipelines.EscapeData("a;b]c%d\r\ne").Should().Be("a;b]c%AZP25d%0D%0Ae");
    }

    [Fact]
    public void Issue_CarriesTheDocumentLocationAndTheRuleIdAsCode()
    {
        var document = RenderingFixtures.DocumentText(RenderingFixtures.WindowsDocument);
        var expectedLine = Array.FindIndex(document.Split('\n'), l => l.Trim() == "rss: false") + 1;

        var output = RenderingFixtures.Render("azure", [RenderingFixtures.Envelope("web-02.result.json")]);

        Lines(output).Should().Contain(l => l.StartsWith(
            $"##vso[task.logissue type=warning;sourcepath={RenderingFixtures.WindowsDocument};linenumber={expectedLine};columnnumber=7;code=DSCO-NetAdapterOffload-rss]",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Issue_WithSemicolonsAndBracketsInThePath_IsEscaped()
    {
        var desired = new JObject { ["chimney"] = new JValue("Disabled").Located("odd;dir]/doc 100%.yaml", 3, 5) };
        var result = SyntheticEnvelopes.Drift("G", "DscOffload.Windows/GlobalOffload", desired, new JObject { ["chimney"] = "Enabled" });

        var output = RenderingFixtures.Render("azure", [SyntheticEnvelopes.Host("h", "odd;dir]/doc 100%.yaml", result)]);

        Lines(output).Should().Contain(l => l.StartsWith("##vso[task.logissue type=warning;sourcepath=odd%3Bdir%5D/doc 100%AZP25.yaml;linenumber=3;", StringComparison.Ordinal));
    }

    [Fact]
    public void PlainLines_CannotCarryLoggingCommands()
    {
        var result = SyntheticEnvelopes.Drift("##vso[task.complete result=Succeeded;]x", "DscOffload.Windows/GlobalOffload", new JObject { ["chimney"] = "Disabled" }, new JObject { ["chimney"] = "Enabled" });

        var output = RenderingFixtures.Render("azure", [SyntheticEnvelopes.Host("##vso[task.setvariable variable=x]y", "doc.yaml", result)], RenderingFixtures.Options(failOnDrift: true));

        Lines(output).Where(l => l.Contains("##vso[", StringComparison.Ordinal))
            .Should().OnlyContain(l => l.StartsWith("##vso[task.logissue ", StringComparison.Ordinal) || l.StartsWith("##vso[task.complete result=Failed;]", StringComparison.Ordinal));
    }

    [Fact]
    public void Issues_AreCappedAtTenPerTypeAndTheRestAreCounted()
    {
        var desired = new JObject();
        var actual = new JObject();
        for (var i = 1; i <= 14; i++)
        {
            desired[$"p{i:00}"] = new JValue(false).Located("doc.yaml", i);
            actual[$"p{i:00}"] = true;
        }

        var output = RenderingFixtures.Render("azure", [SyntheticEnvelopes.Host("h", "doc.yaml", SyntheticEnvelopes.Drift("Many", "DscOffload.Windows/GlobalOffload", desired, actual))]);

        Lines(output).Count(l => l.StartsWith("##vso[task.logissue type=warning", StringComparison.Ordinal)).Should().Be(10);
        output.Should().Contain("4 more issues were left out");
    }
}
