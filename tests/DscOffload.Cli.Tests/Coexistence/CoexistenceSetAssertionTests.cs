using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Coexistence;

/// <summary>
/// <c>resource set</c> of an OffloadCoexistence type, as dsc calls it for every instance of a <c>config set</c>: an
/// assertion. Holding, it succeeds and changes nothing; not holding, it fails (exit 5) with one error line naming
/// what differs; under what-if it predicts no change and warns. Against recorded hosts, so both platforms run here.
/// </summary>
public sealed class CoexistenceSetAssertionTests
{
    private const string Windows = "DscOffload.Windows/OffloadCoexistence";
    private const string Linux = "DscOffload.Linux/OffloadCoexistence";

    private static ProcessResult Set(string type, string snapshot, string input, params string[] extra) =>
        DscOffloadProcess.Run(["resource", "set", "--type", type, .. extra], stdin: input,
            env: new Dictionary<string, string?> { ["DSCOFFLOAD_RESOURCE_STATE"] = RepositoryPaths.InRepo(snapshot) });

    [Theory]
    [InlineData(Windows, "examples/snapshots/windows/fast-02.dsc.json", """{"ipsecPolicy": true}""")]
    [InlineData(Windows, "examples/snapshots/windows/fast-01.dsc.json", """{"hyperV": false, "ipsecPolicy": true}""")]
    [InlineData(Linux, "examples/snapshots/linux/web-02.dsc.json", """{"xfrmPolicy": true}""")]
    public void Set_WhenTheAssertionHolds_SucceedsAndChangesNothing(string type, string snapshot, string input)
    {
        var result = Set(type, snapshot, input);

        result.ExitCode.Should().Be(0, result.ToString());
        var values = ProtocolOutputShape.Assert(result, 2);
        values[0]["_inDesiredState"]!.Value<bool>().Should().BeTrue();
        values[1].Should().BeOfType<JArray>().Which.Should().BeEmpty();
    }

    [Theory]
    [InlineData(Windows, "examples/snapshots/windows/fast-02.dsc.json", """{"ipsecPolicy": false}""", "ipsecPolicy")]
    [InlineData(Linux, "examples/snapshots/linux/web-02.dsc.json", """{"xfrmPolicy": false}""", "xfrmPolicy")]
    public void Set_WhenTheAssertionDoesNotHold_ExitsFiveWithOneErrorLineNamingWhatDiffers(string type, string snapshot, string input, string differing)
    {
        var result = Set(type, snapshot, input);

        result.ExitCode.Should().Be(5, result.ToString());
        result.Stdout.Should().BeEmpty();
        ProtocolOutputShape.AssertMessages(result).Where(m => m.Level == "error").Should().ContainSingle()
            .Which.Text.Should().Contain($"{type} is read-only and the host differs in {differing}").And.Contain("set stops here");
    }

    [Fact]
    public void SetWhatIf_WhenTheAssertionDoesNotHold_PredictsNoChangeAndWarns()
    {
        var result = Set(Windows, "examples/snapshots/windows/fast-02.dsc.json", """{"ipsecPolicy": false}""", "--what-if");

        result.ExitCode.Should().Be(0, result.ToString());
        var values = ProtocolOutputShape.Assert(result, 2);
        values[0]["_inDesiredState"]!.Value<bool>().Should().BeFalse();
        values[1].Should().BeOfType<JArray>().Which.Should().BeEmpty();
        ProtocolOutputShape.AssertMessages(result).Should().Contain(m => m.Level == "warn" && m.Text.Contains("a set would stop here", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigSetWhatIf_DocumentWithAFailingAssertion_NamesWhatASetWouldStopOn()
    {
        const string Document = """
            $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
            resources:
            - name: no IPsec policy
              type: DscOffload.Windows/OffloadCoexistence
              properties: {ipsecPolicy: false}
            """;

        var result = DscOffloadProcess.Run(["config", "set", "-f", "-", "--against", "examples/snapshots/windows/fast-02.dsc.json", "--what-if", "-o", "json"], stdin: Document);
        var preview = JObject.Parse(result.Stdout);

        result.ExitCode.Should().Be(0, result.ToString());
        preview["results"]![0]!["result"]!["changedProperties"]!.Type.Should().Be(JTokenType.Null);
        preview["messages"]!.Should().Contain(m => m["message"]!.Value<string>()!.Contains("is read-only and the host differs in ipsecPolicy"));
    }
}
