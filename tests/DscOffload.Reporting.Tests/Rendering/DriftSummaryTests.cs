using DscOffload.Core.Diagnostics;
using DscOffload.Reporting.Drift;
using DscOffload.Reporting.Rendering;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class DriftSummaryTests
{
    [Fact]
    public void Summary_CountsHostsInstancesAndProperties()
    {
        var summary = new DriftSummary();
        foreach (var envelope in RenderingFixtures.Fleet())
        {
            summary.Add(DriftEnvelopeReader.Read(envelope));
        }

        (summary.Hosts, summary.HostsInDesiredState, summary.HostsDrifted, summary.HostsWithErrors).Should().Be((4, 1, 3, 1));
        (summary.Instances, summary.InstancesDrifted, summary.InstancesFailed, summary.DriftedProperties).Should().Be((7, 4, 1, 12));
        summary.HasDrift.Should().BeTrue();
        summary.HasErrors.Should().BeTrue();
        summary.AllInDesiredState.Should().BeFalse();
    }

    [Fact]
    public void SummaryLine_UsesSingularsAndSaysZeroErrors()
    {
        var summary = new DriftSummary();
        summary.Add(DriftEnvelopeReader.Read(RenderingFixtures.Envelope("lnx-01.result.json")));

        summary.ToString().Should().Be("1 host: 0 in desired state, 1 drifted (3 properties), 0 errors");
    }

    [Fact]
    public void Renderer_Summary_MatchesTheHostsItWasGiven()
    {
        RenderingFixtures.Render("sarif", RenderingFixtures.Fleet(), null, out var summary);

        summary.ToString().Should().Be("4 hosts: 1 in desired state, 3 drifted (12 properties), 1 error on 1 host");
    }

    [Fact]
    public void Factory_UnknownFormat_IsAnInvalidArgumentsErrorListingTheFormats()
    {
        var act = () => DriftRendererFactory.Create("html", TextWriter.Null);

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidArguments && e.Message.Contains("table, diff, markdown, github, azure, junit, sarif"));
    }

    [Theory]
    [InlineData("table", typeof(TableDriftRenderer))]
    [InlineData("DIFF", typeof(UnifiedDiffRenderer))]
    [InlineData("markdown", typeof(MarkdownSummaryRenderer))]
    [InlineData("github", typeof(GitHubAnnotationRenderer))]
    [InlineData("azure", typeof(AzurePipelinesRenderer))]
    [InlineData("junit", typeof(JUnitRenderer))]
    [InlineData("sarif", typeof(SarifRenderer))]
    public void Factory_KnownFormat_CreatesItsRenderer(string format, Type expected)
    {
        DriftRendererFactory.Supports(format).Should().BeTrue();
        DriftRendererFactory.Create(format, TextWriter.Null).Should().BeOfType(expected);
    }

    [Fact]
    public void Factory_JsonAndYaml_AreLeftToTheCommand()
    {
        DriftRendererFactory.Supports("json").Should().BeFalse();
        DriftRendererFactory.Supports("yaml").Should().BeFalse();
    }

    [Fact]
    public void Renderer_CalledOutOfOrder_Throws()
    {
        var renderer = DriftRendererFactory.Create("table", TextWriter.Null);
        renderer.Complete();

        var act = () => renderer.AddHost(DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-01.result.json")));

        act.Should().Throw<InvalidOperationException>();
    }
}
