using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Tests.Documents.SourceText;

namespace DscOffload.Core.Tests.Documents;

public class DocumentLoaderTests
{
    private const string File = "config.dsc.yaml";
    private const string Schema = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n";

    [Fact]
    public void Parse_ValidDocument_ExposesParametersVariablesAndInstancesInDocumentOrder()
    {
        const string text = Schema + """
            parameters:
              greeting: { type: string, defaultValue: hello, allowedValues: [hello, hi], minLength: 2, maxLength: 10, description: Says hi }
              count: { type: int, minValue: 1, maxValue: 5 }
            variables:
              suffix: "-x"
            resources:
            - name: base
              type: Contoso.Example/Setting
              properties: { value: "[parameters('greeting')]" }
            - name: dependent
              type: Contoso.Example.Sub/Setting
              dependsOn: ["[resourceId('Contoso.Example/Setting','base')]"]
              metadata: { owner: team-x }
            """;

        var document = DocumentLoader.Parse(text, File);

        document.Path.Should().Be(File);
        document.Root["resources"].Should().BeOfType<JArray>();
        document.Parameters.Select(p => p.Name).Should().Equal("greeting", "count");
        var greeting = document.Parameters[0];
        greeting.Type.Should().Be(ParameterType.String);
        greeting.DefaultValue!.Value<string>().Should().Be("hello");
        greeting.AllowedValues!.Select(v => v.Value<string>()).Should().Equal("hello", "hi");
        greeting.MinLength.Should().Be(2);
        greeting.MaxLength.Should().Be(10);
        greeting.Description.Should().Be("Says hi");
        greeting.Location.ToString().Should().Be(Locate(text, File, "greeting:"));
        document.Parameters[1].MinValue.Should().Be(1);
        document.Parameters[1].MaxValue.Should().Be(5);
        document.Parameters[1].DefaultValue.Should().BeNull();
        document.Variables["suffix"]!.Value<string>().Should().Be("-x");

        document.Resources.Select(r => r.Name).Should().Equal("base", "dependent");
        var first = document.Resources[0];
        first.Type.Should().Be("Contoso.Example/Setting");
        first.Properties["value"]!.Value<string>().Should().Be("[parameters('greeting')]");
        first.DependsOn.Should().BeEmpty();
        first.Metadata.Should().BeNull();
        first.Location.ToString().Should().Be(Locate(text, File, "name: base"));
        first.NameLocation.ToString().Should().Be(Locate(text, File, "base"));
        first.TypeLocation.ToString().Should().Be(Locate(text, File, "Contoso.Example/Setting"));
        var second = document.Resources[1];
        second.Properties.Should().BeEmpty();
        second.DependsOn.Should().ContainSingle().Which.Location().ToString().Should().Be(Locate(text, File, "\"[resourceId"));
        second.Metadata!["owner"]!.Value<string>().Should().Be("team-x");
    }

    [Fact]
    public void Load_File_NamesTheFileInLocations()
    {
        using var file = new TempFile(Schema + "resources:\n- name: a\n  type: Contoso.Example/Setting\n");

        var document = DocumentLoader.Load(file.Path);

        document.Path.Should().Be(file.Path);
        document.Resources[0].NameLocation.ToString().Should().Be($"{file.Path}:3:9");
    }

    [Fact]
    public void Parse_JsonDocument_IsEquivalentToYaml()
    {
        const string json = """
            {
              "$schema": "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
              "resources": [ { "name": "a", "type": "Contoso.Example/Setting", "properties": { "x": 1 } } ]
            }
            """;

        var document = DocumentLoader.Parse(json, "config.json");

        document.Resources.Should().ContainSingle().Which.Properties["x"]!.Value<long>().Should().Be(1);
        document.Resources[0].TypeLocation.ToString().Should().Be(Locate(json, "config.json", "\"Contoso"));
    }

    [Fact]
    public void Parse_UnknownTopLevelProperty_IsAnErrorListingTheAllowedOnes()
    {
        const string text = Schema + "resources: []\nresource: []\n";

        ShouldFailAt(
            () => DocumentLoader.Parse(text, File),
            Locate(text, File, "resource:"),
            "unknown property 'resource' in the configuration document; allowed: $schema, contentVersion, directives, executionInformation, functions, metadata, outputs, parameters, resources, variables");
    }

    [Theory]
    [InlineData("resources: []\n", "$schema")]
    [InlineData("$schema: x\n", "resources")]
    public void Parse_MissingRequiredTopLevelProperty_IsAnError(string text, string missing)
    {
        ShouldFailAt(() => DocumentLoader.Parse(text, File), $"{File}:1:1", $"has no '{missing}'");
    }

    [Theory]
    [InlineData("$schema: 1\nresources: []\n", "1", "'$schema' must be a string")]
    [InlineData("$schema: x\nresources: {}\n", "{}", "'resources' in the configuration document must be a sequence/array")]
    [InlineData("$schema: x\nresources: ~\n", "~", "'resources' must be a sequence/array")]
    [InlineData("$schema: x\nresources: [1]\n", "1]", "a resource instance must be a mapping/object")]
    [InlineData("$schema: x\nresources: []\nparameters: [a]\n", "[a]", "'parameters' in the configuration document must be a mapping/object")]
    [InlineData("$schema: x\nresources: []\nvariables: 3\n", "3", "'variables' in the configuration document must be a mapping/object")]
    [InlineData("- a\n", "- a", "must be a mapping/object with '$schema' and 'resources'")]
    public void Parse_WrongTypeForAKnownProperty_IsAnErrorAtTheValue(string text, string at, string fragment)
    {
        ShouldFailAt(() => DocumentLoader.Parse(text, File), Locate(text, File, at), fragment);
    }

    [Fact]
    public void Parse_UnknownInstanceProperty_IsAnErrorListingTheAllowedOnes()
    {
        const string text = Schema + "resources:\n- name: a\n  type: Contoso.Example/Setting\n  unknownProperty: 1\n";

        ShouldFailAt(
            () => DocumentLoader.Parse(text, File),
            Locate(text, File, "unknownProperty"),
            "unknown property 'unknownProperty' in resource instance 'a'; allowed: type, name, properties, dependsOn, metadata, condition, requireVersion, apiVersion, directives");
    }

    [Fact]
    public void Parse_InstanceWithAllAllowedKeys_IsAccepted()
    {
        const string text = Schema + """
            resources:
            - name: a
              type: Contoso.Example/Setting
              properties: {}
              dependsOn: []
              metadata: {}
              condition: "[true()]"
              requireVersion: "1.0"
              apiVersion: "1.0"
              directives: { requireAdapter: x }
            """;

        DocumentLoader.Parse(text, File).Resources.Should().ContainSingle();
    }

    [Theory]
    [InlineData("- name: a\n", "name: a", "has no 'type'")]
    [InlineData("- type: Contoso.Example/Setting\n", "type:", "has no 'name'")]
    [InlineData("- name: a\n  type: 5\n", "5", "'type' in resource instance 'a' must be a string")]
    [InlineData("- name: [a]\n  type: Contoso.Example/Setting\n", "[a]", "'name' in resource instance #1 must be a non-empty string")]
    [InlineData("- name: ''\n  type: Contoso.Example/Setting\n", "''", "must be a non-empty string")]
    [InlineData("- name: a\n  type: Contoso.Example/Setting\n  properties: [1]\n", "[1]", "'properties' in resource instance 'a' must be a mapping/object")]
    [InlineData("- name: a\n  type: Contoso.Example/Setting\n  dependsOn: x\n", "x\n", "'dependsOn' in resource instance 'a' must be a sequence/array")]
    [InlineData("- name: a\n  type: Contoso.Example/Setting\n  dependsOn: [1]\n", "1]", "each 'dependsOn' entry")]
    [InlineData("- name: a\n  type: Contoso.Example/Setting\n  metadata: 1\n", "1\n", "'metadata' in resource instance 'a' must be a mapping/object")]
    public void Parse_MalformedInstance_IsAnErrorAtTheOffendingNode(string resources, string at, string fragment)
    {
        var text = Schema + "resources:\n" + resources;

        ShouldFailAt(() => DocumentLoader.Parse(text, File), Locate(text, File, at), fragment);
    }

    [Theory]
    [InlineData("Contoso/Setting")]
    [InlineData("Contoso.Example/Setting")]
    [InlineData("A.B.C.D/E")]
    [InlineData("Microsoft.Windows/Registry")]
    [InlineData("my_org.x1/Some_Type2")]
    [InlineData("Société.Réseau/Paramètre")]
    public void Parse_WellFormedResourceType_IsAccepted(string type)
    {
        var text = Schema + $"resources:\n- name: a\n  type: {type}\n";

        DocumentLoader.Parse(text, File).Resources[0].Type.Should().Be(type);
    }

    [Theory]
    [InlineData("Setting")]
    [InlineData("/Setting")]
    [InlineData("Contoso/")]
    [InlineData("A.B.C.D.E/F")]
    [InlineData("Contoso..Example/Setting")]
    [InlineData(".Contoso/Setting")]
    [InlineData("Contoso./Setting")]
    [InlineData("Contoso/Setting/Extra")]
    [InlineData("Contoso/Set.ting")]
    [InlineData("Con-toso/Setting")]
    [InlineData("'Contoso /Setting'")]
    public void Parse_MalformedResourceType_IsAnErrorAtTheType(string type)
    {
        var text = Schema + $"resources:\n- name: a\n  type: {type}\n";

        ShouldFailAt(() => DocumentLoader.Parse(text, File), Locate(text, File, type), "is not valid; expected Owner[.Group[.Area[.Subarea]]]/Name");
    }

    [Fact]
    public void Parse_DuplicateTypeAndName_IsAnErrorAtTheSecondInstance()
    {
        const string text = Schema + """
            resources:
            - name: a
              type: Contoso.Example/Setting
            - name: a
              type: Contoso.Other/Setting
            - name: a
              type: contoso.example/SETTING
            """;

        ShouldFailAt(
            () => DocumentLoader.Parse(text, File),
            Locate(text, File, "name: a", 3),
            "resource named 'a' for type 'contoso.example/SETTING' is specified more than once");
    }

    [Fact]
    public void Parse_SameNameWithDifferentCase_IsNotADuplicate()
    {
        const string text = Schema + "resources:\n- name: a\n  type: Contoso.Example/Setting\n- name: A\n  type: Contoso.Example/Setting\n";

        DocumentLoader.Parse(text, File).Resources.Should().HaveCount(2);
    }

    [Fact]
    public void Parse_MoreInstancesThanTheLimit_IsAnError()
    {
        var text = Schema + "resources:\n" + string.Concat(Enumerable.Range(0, InputLimits.MaxResources + 1).Select(i => $"- {{name: r{i}, type: Contoso.Example/Setting}}\n"));

        ShouldFailAt(() => DocumentLoader.Parse(text, File), Locate(text, File, $"{{name: r{InputLimits.MaxResources},"), "InputLimits.MaxResources");
    }

    [Fact]
    public void Parse_InstancesAtTheLimit_AreAccepted()
    {
        var text = Schema + "resources:\n" + string.Concat(Enumerable.Range(0, InputLimits.MaxResources).Select(i => $"- {{name: r{i}, type: Contoso.Example/Setting}}\n"));

        DocumentLoader.Parse(text, File).Resources.Should().HaveCount(InputLimits.MaxResources);
    }

    [Theory]
    [InlineData("p: { type: integer }", "integer", "parameter 'p' has type 'integer'; allowed: string, secureString, int, bool, object, secureObject, array")]
    [InlineData("p: { defaultValue: 1 }", "{", "parameter 'p' has no 'type'")]
    [InlineData("p: { type: int, default: 1 }", "default:", "unknown property 'default' in parameter 'p'; allowed: type, defaultValue, allowedValues, minValue, maxValue, minLength, maxLength, description, metadata")]
    [InlineData("p: { type: int, minValue: '1' }", "'1'", "'minValue' in parameter 'p' must be an integer")]
    [InlineData("p: { type: string, minValue: 1 }", "1 }", "minValue/maxValue apply only to int parameters")]
    [InlineData("p: { type: int, maxLength: 1 }", "1 }", "minLength/maxLength apply only to string")]
    [InlineData("p: { type: string, minLength: -1 }", "-1", "must not be negative")]
    [InlineData("p: { type: int, allowedValues: 1 }", "1 }", "'allowedValues' in parameter 'p' must be a sequence/array")]
    [InlineData("p: string", "string", "parameter 'p' must be a mapping/object")]
    public void Parse_MalformedParameterDefinition_IsAnErrorAtTheOffendingNode(string definition, string at, string fragment)
    {
        var text = Schema + "resources: []\nparameters:\n  " + definition + "\n";

        ShouldFailAt(() => DocumentLoader.Parse(text, File), Locate(text, File, at), fragment);
    }

    [Theory]
    [InlineData("string", ParameterType.String, false)]
    [InlineData("secureString", ParameterType.SecureString, true)]
    [InlineData("int", ParameterType.Int, false)]
    [InlineData("bool", ParameterType.Bool, false)]
    [InlineData("object", ParameterType.Object, false)]
    [InlineData("secureObject", ParameterType.SecureObject, true)]
    [InlineData("array", ParameterType.Array, false)]
    public void Parse_ParameterType_IsReadWithItsSecureness(string name, ParameterType type, bool secure)
    {
        var text = Schema + $"resources: []\nparameters:\n  p: {{ type: {name} }}\n";

        var definition = DocumentLoader.Parse(text, File).Parameters.Should().ContainSingle().Subject;

        definition.Type.Should().Be(type);
        definition.IsSecure.Should().Be(secure);
    }
}
