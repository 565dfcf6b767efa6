using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class JUnitRendererTests
{
    private static int Attribute(XElement element, string name) => int.Parse(element.Attribute(name)!.Value);

    [Fact]
    public void Fleet_IsWellFormedWithOneSuitePerHostAndOneCasePerInstance()
    {
        var xml = XDocument.Parse(RenderingFixtures.Render("junit", RenderingFixtures.Fleet()));

        var suites = xml.Root!.Elements("testsuite").ToList();
        suites.Select(s => s.Attribute("name")!.Value).Should().Equal("web-01", "web-02", "web-03", "lnx-01");
        foreach (var suite in suites)
        {
            var cases = suite.Elements("testcase").ToList();
            cases.Should().OnlyContain(c => c.Attribute("classname")!.Value == suite.Attribute("name")!.Value);
            Attribute(suite, "tests").Should().Be(cases.Count);
            Attribute(suite, "failures").Should().Be(cases.Count(c => c.Element("failure") is not null));
            Attribute(suite, "errors").Should().Be(cases.Count(c => c.Element("error") is not null));
        }
    }

    [Fact]
    public void Fleet_CountsMatchTheFixtures()
    {
        var xml = XDocument.Parse(RenderingFixtures.Render("junit", RenderingFixtures.Fleet()));

        var web03 = xml.Root!.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "web-03");
        (Attribute(web03, "tests"), Attribute(web03, "failures"), Attribute(web03, "errors")).Should().Be((2, 1, 1));
        web03.Elements("testcase").Select(c => c.Attribute("name")!.Value).Should().Equal(
            "Global offload (DscOffload.Windows/GlobalOffload)",
            "All adapters (DscOffload.Windows/NetAdapterOffload)");
        var web01 = xml.Root.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "web-01");
        (Attribute(web01, "tests"), Attribute(web01, "failures"), Attribute(web01, "errors")).Should().Be((2, 0, 0));
    }

    [Fact]
    public void Drift_IsAFailureWhoseMessageReadsPropertyCurrentToDesired()
    {
        var xml = XDocument.Parse(RenderingFixtures.Render("junit", [RenderingFixtures.Envelope("lnx-01.result.json")]));

        var failure = xml.Descendants("failure").Single();
        failure.Attribute("message")!.Value.Should().Contain("eth0 · channels.combined: 4 → 1");
        failure.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
    }

    [Fact]
    public void MarkupAndControlCharactersInNamesAndValues_StillGiveWellFormedXml()
    {
        const string instance = "<Tier> & \"web\" 'one'\u0001";
        var result = SyntheticEnvelopes.Drift(instance, "DscOffload.Windows/GlobalOffload", new JObject { ["chimney"] = "]]> </failure>" }, new JObject { ["chimney"] = "a\u0002b" });
        var envelope = SyntheticEnvelopes.Host("h<1>&", "doc.yaml", result);

        var xml = XDocument.Parse(RenderingFixtures.Render("junit", [envelope]));

        var testCase = xml.Descendants("testcase").Single();
        testCase.Attribute("classname")!.Value.Should().Be("h<1>&");
        testCase.Attribute("name")!.Value.Should().Be("<Tier> & \"web\" 'one'\uFFFD (DscOffload.Windows/GlobalOffload)");
        testCase.Element("failure")!.Attribute("message")!.Value.Should().Be("chimney: \"a\\u0002b\" → ]]> </failure>");
    }

    [Fact]
    public void NoHosts_IsStillAWellFormedEmptyReport()
    {
        var xml = XDocument.Parse(RenderingFixtures.Render("junit", []));

        xml.Root!.Name.LocalName.Should().Be("testsuites");
        xml.Root.Elements().Should().BeEmpty();
    }
}
