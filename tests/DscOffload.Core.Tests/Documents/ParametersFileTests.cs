using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Tests.Documents.SourceText;

namespace DscOffload.Core.Tests.Documents;

public class ParametersFileTests
{
    private const string File = "params.json";

    [Fact]
    public void Parse_PlainValues_AreReturnedByNameWithTheirLocations()
    {
        const string text = "{\n  \"parameters\": {\n    \"name\": \"eth0\",\n    \"count\": 3,\n    \"settings\": { \"a\": 1, \"b\": 2 }\n  }\n}";

        var values = ParametersFile.Parse(text, File);

        values.Properties().Select(p => p.Name).Should().Equal("name", "count", "settings");
        values["name"]!.Value<string>().Should().Be("eth0");
        values["count"]!.Value<long>().Should().Be(3);
        values["settings"]!["b"]!.Value<long>().Should().Be(2);
        values["name"]!.Location().ToString().Should().Be(Locate(text, File, "\"eth0\""));
        values.Property("count")!.Location().ToString().Should().Be(Locate(text, File, "\"count\""));
    }

    [Fact]
    public void Parse_ArmStyleValueWrappers_AreUnwrapped()
    {
        const string text = """
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
              "contentVersion": "1.0.0.0",
              "parameters": {
                "name": { "value": "eth0" },
                "settings": { "value": { "value": 5 } },
                "twoKeys": { "value": 1, "other": 2 }
              }
            }
            """;

        var values = ParametersFile.Parse(text, File);

        values["name"]!.Value<string>().Should().Be("eth0");
        values["name"]!.Location().ToString().Should().Be(Locate(text, File, "\"eth0\""));
        JToken.DeepEquals(values["settings"], JObject.Parse("{\"value\": 5}")).Should().BeTrue();
        JToken.DeepEquals(values["twoKeys"], JObject.Parse("{\"value\": 1, \"other\": 2}")).Should().BeTrue();
    }

    [Fact]
    public void Load_YamlFile_IsReadLikeJson()
    {
        using var file = new TempFile("parameters:\n  name: eth0\n  enabled: { value: true }\n");

        var values = ParametersFile.Load(file.Path);

        values["name"]!.Value<string>().Should().Be("eth0");
        values["enabled"]!.Value<bool>().Should().BeTrue();
        values["name"]!.Location().ToString().Should().Be($"{file.Path}:2:9");
    }

    [Theory]
    [InlineData("{\"parameter\": {}}", "\"parameter\"", "unknown property 'parameter' in the parameters file; allowed: $schema, contentVersion, parameters")]
    [InlineData("{\"$schema\": \"x\"}", "{", "has no 'parameters'")]
    [InlineData("{\"parameters\": [1]}", "[1]", "'parameters' in the parameters file must be a mapping/object")]
    [InlineData("[1]", "[1]", "must be a mapping/object with 'parameters'")]
    public void Parse_MalformedFile_IsAnErrorAtTheOffendingNode(string text, string at, string fragment)
    {
        ShouldFailAt(() => ParametersFile.Parse(text, File), Locate(text, File, at), fragment);
    }
}
