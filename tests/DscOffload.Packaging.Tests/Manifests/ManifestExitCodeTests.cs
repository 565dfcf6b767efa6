using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.Tests.Manifests;

/// <summary>
/// The <c>exitCodes</c> text of the shipped manifests: dsc shows it instead of stderr, so the text of code 5 must also
/// cover a failed set assertion of a read-only type, or a user reading dsc's message looks for an unsupported feature.
/// </summary>
public sealed class ManifestExitCodeTests
{
    [Fact]
    public void ExitCode5_OfEveryShippedManifest_MentionsAFailedAssertion()
    {
        var manifests = JObject.Parse(File.ReadAllText(RepositoryPaths.InRepo("schemas", "dscoffload.dsc.manifests.json")))["resources"]!.Cast<JObject>().ToList();

        manifests.Should().NotBeEmpty();
        manifests.Should().OnlyContain(m => m["exitCodes"]!["5"]!.Value<string>()!.Contains("assertion failed", StringComparison.Ordinal));
    }
}
