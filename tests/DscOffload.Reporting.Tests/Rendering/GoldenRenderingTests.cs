namespace DscOffload.Reporting.Tests.Rendering;

public sealed class GoldenRenderingTests
{
    [Theory]
    [InlineData("table", "fleet.table.txt")]
    [InlineData("diff", "fleet.diff")]
    [InlineData("markdown", "fleet.md")]
    [InlineData("github", "fleet.github.txt")]
    [InlineData("azure", "fleet.azure.txt")]
    [InlineData("junit", "fleet.junit.xml")]
    [InlineData("sarif", "fleet.sarif.json")]
    public void Fleet_RendersExactlyAsTheGoldenFile(string format, string golden)
    {
        var output = RenderingFixtures.Render(format, RenderingFixtures.Fleet());

        GoldenFile.Verify(golden, output);
    }

    [Fact]
    public void Fleet_TableWithColour_RendersExactlyAsTheGoldenFile()
    {
        var output = RenderingFixtures.Render("table", RenderingFixtures.Fleet(), RenderingFixtures.Options(color: true));

        GoldenFile.Verify("fleet.table-color.txt", output);
    }

    [Fact]
    public void Fleet_GitHubWithFailOnDrift_RendersExactlyAsTheGoldenFile()
    {
        var output = RenderingFixtures.Render("github", RenderingFixtures.Fleet(), RenderingFixtures.Options(failOnDrift: true));

        GoldenFile.Verify("fleet.github.fail-on-drift.txt", output);
    }

    [Theory]
    [InlineData("table", "whatif.table.txt")]
    [InlineData("diff", "whatif.diff")]
    [InlineData("markdown", "whatif.md")]
    [InlineData("sarif", "whatif.sarif.json")]
    public void WhatIf_RendersExactlyAsTheGoldenFile(string format, string golden)
    {
        var output = RenderingFixtures.Render(format, [RenderingFixtures.Envelope("web-02.whatif.result.json")]);

        GoldenFile.Verify(golden, output);
    }
}
