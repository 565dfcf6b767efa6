using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

/// <summary>
/// A host in desired state can still carry a warning (a Windows setting requested on that is not operational):
/// the formats that show a host's warnings show it there too.
/// </summary>
public class InDesiredStateWarningTests
{
    private const string Warning = "'Ethernet' rscIPv6: requested on, not operational because a Windows Filtering Platform callout is incompatible with it (WFPCompatibility)";

    private static JObject HostInDesiredStateWithWarning(string level = "warning")
    {
        var state = JObject.Parse("""{"name":"Ethernet","rscIPv6":true}""");
        var envelope = SyntheticEnvelopes.Host("rsc-01", "doc.dsc.yaml", SyntheticEnvelopes.Drift("Adapters", "DscOffload.Windows/NetAdapterOffload", state, (JObject)state.DeepClone()));
        envelope["messages"] = new JArray(new JObject { ["name"] = "Adapters", ["type"] = "DscOffload.Windows/NetAdapterOffload", ["level"] = level, ["message"] = Warning });
        return envelope;
    }

    [Theory]
    [InlineData("github")]
    [InlineData("azure")]
    [InlineData("markdown")]
    public void HostInDesiredState_ShowsItsWarning(string format)
    {
        var output = RenderingFixtures.Render(format, [HostInDesiredStateWithWarning()], RenderingFixtures.Options(), out var summary);

        summary.AllInDesiredState.Should().BeTrue();
        output.Should().Contain(Warning);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("azure")]
    [InlineData("markdown")]
    public void HostInDesiredState_DoesNotShowInformationMessages(string format)
    {
        var output = RenderingFixtures.Render(format, [HostInDesiredStateWithWarning("info")], RenderingFixtures.Options());

        output.Should().NotContain("not operational");
    }
}
