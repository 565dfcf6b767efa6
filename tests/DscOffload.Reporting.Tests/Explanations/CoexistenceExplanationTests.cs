using DscOffload.Reporting.Explanations;

namespace DscOffload.Reporting.Tests.Explanations;

/// <summary>
/// <c>dscoffload explain</c> says about the settings without effect on later Windows builds what test and set do:
/// off is satisfied there, on is refused.
/// </summary>
public sealed class CoexistenceExplanationTests
{
    private static string Explain(string name)
    {
        using var output = new StringWriter();
        CoexistenceExplanation.Write(output, name);
        return output.ToString();
    }

    [Fact]
    public void Chimney_SaysFromWhichBuildEachSettingHasNoEffect()
    {
        var lines = Explain("chimney").Split('\n').Where(l => l.StartsWith("  No effect from Windows build", StringComparison.Ordinal)).ToList();

        lines.Should().HaveCount(4);
        lines.Should().ContainSingle(l => l.Contains("build 16299: chimney: TCP Chimney Offload was removed") && l.Contains("on is refused (exit 5)"));
        lines.Should().ContainSingle(l => l.Contains("build 6000: tcpipParameters.enableTCPChimney") && l.Contains("Scalable Networking Pack"));
        lines.Where(l => l.Contains("tcpConnectionOffloadIPv")).Should().HaveCount(2);
    }

    [Fact]
    public void NetDma_SaysItWasRemovedInWindows8()
    {
        Explain("netdma").Should().Contain("No effect from Windows build 9200: tcpipParameters.enableTCPA: NetDMA was removed in Windows 8 / Server 2012 (build 9200)");
    }

    [Fact]
    public void AnOffloadWithoutSuchSettings_SaysNothingAboutBuilds()
    {
        Explain("lso").Should().NotContain("No effect from Windows build");
    }
}
