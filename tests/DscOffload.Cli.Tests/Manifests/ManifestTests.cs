using DscOffload.Cli.Tests.Process;
using Json.Schema;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Manifests;

public class ManifestTests
{
    // The fields of dsc 3.2.3's ResourceManifest struct (deny_unknown_fields): any other top-level key
    // makes dsc drop the manifest with only an INFO line.
    private static readonly string[] KnownTopLevel =
    [
        "$schema", "type", "version", "description", "tags", "kind", "condition", "deprecationMessage", "get", "set", "test",
        "delete", "export", "validate", "resolve", "whatIf", "adapter", "exitCodes", "schema", "metadata",
    ];

    private static JArray GeneratedManifests()
    {
        var result = DscOffloadProcess.Run("manifest");
        result.ExitCode.Should().Be(0, result.ToString());
        return (JArray)JObject.Parse(result.Stdout)["resources"]!;
    }

    [Fact]
    public void CheckedInManifest_IsExactlyWhatTheBinaryWrites()
    {
        var result = DscOffloadProcess.Run("manifest");
        var checkedIn = File.ReadAllText(RepositoryPaths.InRepo("schemas", "dscoffload.dsc.manifests.json"));
        result.Stdout.Should().Be(checkedIn, "run 'dscoffload manifest --output schemas' and commit the result");
    }

    [Fact]
    public void Manifests_UseOnlyTopLevelKeysDscAccepts()
    {
        foreach (var manifest in GeneratedManifests().Cast<JObject>())
        {
            manifest.Properties().Select(p => p.Name).Should().BeSubsetOf(KnownTopLevel);
        }
    }

    [Fact]
    public void Manifests_DeclareTheProtocolChoicesOfTheDesign()
    {
        foreach (var m in GeneratedManifests().Cast<JObject>())
        {
            m["test"]!["return"]!.Value<string>().Should().Be("stateAndDiff");
            m["set"]!["return"]!.Value<string>().Should().Be("stateAndDiff", "every type has set, the coexistence types' asserts");
            m["set"]!["requireSecurityContext"].Should().BeNull("dsc would refuse an unelevated what-if; the binary refuses a real set (exit 3)");
            m["set"]!["implementsPretest"].Should().BeNull();
            m["set"]!["args"]!.Should().ContainSingle(a => a is JObject && a["whatIfArg"] != null);
            m["whatIf"].Should().BeNull("dsc deprecates the whatIf operation and warns on each use");

            foreach (var op in (string[])["get", "test", "set", "export"])
            {
                m[op]!["executable"]!.Value<string>().Should().Be("dscoffload", "a bare name, found through PATH or DSC_RESOURCE_PATH");
                m[op]!["input"]!.Value<string>().Should().Be("stdin", "input is read one way: JSON on stdin");
                m[op]!["args"]!.Should().OnlyContain(a => a.Type == JTokenType.String || a["whatIfArg"] != null, "no jsonInputArg: the input is not also passed on the command line");
            }

            ((JObject)m["exitCodes"]!).Properties().Select(p => p.Name).Should().Equal("0", "1", "2", "3", "4", "5", "6", "7");
            var inDesiredState = m["schema"]!["embedded"]!["properties"]!["_inDesiredState"]!;
            inDesiredState["type"]!.Values<string>().Should().Equal("boolean", "null");
            inDesiredState["readOnly"]!.Value<bool>().Should().BeTrue();
            m["schema"]!["embedded"]!.ToString().Should().NotContain("\"$ref\"", "dsc does not fetch remote references");
        }
    }

    [Fact]
    public void Manifests_CarryAConditionOnTheOperatingSystemFamilyOfTheirType()
    {
        foreach (var m in GeneratedManifests().Cast<JObject>())
        {
            var family = m["type"]!.Value<string>()!.StartsWith("DscOffload.Windows/", StringComparison.Ordinal) ? "Windows" : "Linux";
            m["condition"]!.Value<string>().Should().Be($"[equals(context().os.family, '{family}')]");
        }
    }

    [Fact]
    public void Manifests_ValidateAgainstDscPublishedSchema_ExceptForDocumented32Features()
    {
        // DSC's published manifest schema was generated for 3.1 and never regenerated for 3.2. It rejects
        // the 3.2 `{"whatIfArg": …}` args item (native what-if), which is removed from a copy before validating. The schema also wants canonical properties
        // such as _inDesiredState declared as a remote {"$ref": "https://aka.ms/…/inDesiredState.json"},
        // but dsc 3.2 never fetches remote references, so the embedded schemas inline the definition;
        // the copy swaps the inline form for the reference. Everything else must pass as is.
        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "TestData", "dsc-schemas", "v3", "bundled", "resource", "manifest.json"));
        foreach (var manifest in GeneratedManifests().Cast<JObject>())
        {
            var copy = (JObject)manifest.DeepClone();
            if (copy["set"] is JObject set)
            {
                foreach (var item in ((JArray)set["args"]!).Where(a => a is JObject o && o["whatIfArg"] is not null).ToList())
                {
                    item.Remove();
                }
            }

            var embedded = (JObject)copy["schema"]!["embedded"]!["properties"]!;
            embedded["_inDesiredState"]!.Should().BeOfType<JObject>().Which["type"].Should().NotBeNull("dsc needs the definition inline");
            embedded["_inDesiredState"] = new JObject { ["$ref"] = "https://aka.ms/dsc/schemas/v3/resource/properties/inDesiredState.json" };
            var result = schema.Evaluate(System.Text.Json.Nodes.JsonNode.Parse(copy.ToString()), new EvaluationOptions { OutputFormat = OutputFormat.List });
            result.IsValid.Should().BeTrue($"{manifest["type"]}: " + string.Join("; ",
                result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {d.EvaluationPath}: {e.Value}"))));
        }
    }

    [Fact]
    public void EmbeddedSchemas_AreValidJsonSchemaDocuments()
    {
        foreach (var manifest in GeneratedManifests())
        {
            var text = manifest["schema"]!["embedded"]!.ToString();
            var act = () => JsonSchema.FromText(text);
            act.Should().NotThrow();
        }
    }

    [Fact]
    public void CoexistenceManifests_DeclareOneConditionPerTableRowAndTheUsableOffloads()
    {
        var manifests = GeneratedManifests().Cast<JObject>().ToDictionary(m => m["type"]!.Value<string>()!);
        var windows = (JObject)manifests["DscOffload.Windows/OffloadCoexistence"]["schema"]!["embedded"]!["properties"]!;
        var linux = (JObject)manifests["DscOffload.Linux/OffloadCoexistence"]["schema"]!["embedded"]!["properties"]!;

        windows.Properties().Select(p => p.Name).Should().Contain(["ipsecPolicy", "hyperV", "networkLoadBalancing", "natOrIcs", "clusterService", "netFtAdapter", "nicTeaming", "thirdPartyFilter", "networkMonitor", "windowsFirewall"]);
        windows["compatibleWith"]!["items"]!["enum"]!.Values<string>().Should().Contain("chimney").And.NotContain("espoffload");
        windows["conditions"]!["readOnly"]!.Value<bool>().Should().BeTrue();
        linux.Properties().Select(p => p.Name).Should().Contain(["xfrmPolicy", "xfrmState", "xfrmStateOffloaded", "bondMaster", "teamMaster"])
            .And.NotContain("ipsecPolicy", "the Linux table is separate from the Windows one");
        linux["compatibleWith"]!["items"]!["enum"]!.Values<string>().Should().Contain("espoffload").And.NotContain("chimney");
    }
}
