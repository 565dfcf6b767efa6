using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Tests.Documents.SourceText;

namespace DscOffload.Core.Tests.Documents;

public class ConfigurationResolverTests
{
    private const string File = "config.dsc.yaml";
    private const string ParamsFile = "params.yaml";
    private const string Schema = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n";
    private const string Type = "Contoso.Example/Setting";

    private static ResolvedConfiguration Resolve(string document, string? parameters = null) =>
        ConfigurationResolver.Resolve(
            DocumentLoader.Parse(document, File),
            parameters is null ? null : ParametersFile.Parse(parameters, ParamsFile));

    [Fact]
    public void Resolve_EvaluatesPropertiesWithParametersAndVariables()
    {
        const string text = Schema + """
            parameters:
              adapter: { type: string, defaultValue: eth0 }
              mtu: { type: int, defaultValue: 1500 }
            variables:
              prefix: "[concat('nic-', parameters('adapter'))]"
              label: "[concat(variables('prefix'), '-main')]"
            resources:
            - name: nic
              type: Contoso.Example/Setting
              properties:
                label: "[variables('label')]"
                mtu: "[parameters('mtu')]"
                literal: "[[not an expression]"
                nested: { list: ["[parameters('adapter')]", 2] }
            """;

        var resolved = Resolve(text, "parameters:\n  adapter: eth1\n");

        var properties = resolved.Instances.Should().ContainSingle().Subject.Properties;
        properties["label"]!.Value<string>().Should().Be("nic-eth1-main");
        properties["mtu"]!.Value<long>().Should().Be(1500);
        properties["literal"]!.Value<string>().Should().Be("[not an expression]");
        properties["nested"]!["list"]![0]!.Value<string>().Should().Be("eth1");
        properties["label"]!.Location().ToString().Should().Be(Locate(text, File, "\"[variables('label')]\""));
        properties["nested"]!["list"]![1]!.Location().ToString().Should().Be(Locate(text, File, "2]"));
        resolved.ParameterValues["adapter"]!.Value<string>().Should().Be("eth1");
        resolved.ParameterValues["adapter"]!.Location().ToString().Should().Be($"{ParamsFile}:2:12");
        resolved.ParameterValues["mtu"]!.Location().ToString().Should().Be(Locate(text, File, "1500"));
    }

    [Fact]
    public void Resolve_DoesNotChangeTheDocument()
    {
        const string text = Schema + "parameters:\n  p: { type: string, defaultValue: x }\nresources:\n- name: a\n  type: Contoso.Example/Setting\n  properties: { v: \"[parameters('p')]\" }\n";
        var document = DocumentLoader.Parse(text, File);
        var before = document.Root.DeepClone();

        ConfigurationResolver.Resolve(document, null);

        JToken.DeepEquals(document.Root, before).Should().BeTrue();
    }

    [Fact]
    public void Resolve_MissingParameterWithoutDefault_IsAnErrorAtItsDeclaration()
    {
        const string text = Schema + "parameters:\n  adapter: { type: string }\nresources: []\n";

        ShouldFailAt(() => Resolve(text), Locate(text, File, "adapter"), "parameter 'adapter' has no value and no defaultValue");
    }

    [Fact]
    public void Resolve_ValueForAnUndeclaredParameter_IsAnErrorInTheParametersFile()
    {
        const string text = Schema + "parameters:\n  adapter: { type: string, defaultValue: a }\n  mtu: { type: int, defaultValue: 1 }\nresources: []\n";
        const string parameters = "parameters:\n  adaptr: eth0\n";

        ShouldFailAt(() => Resolve(text, parameters), Locate(parameters, ParamsFile, "adaptr"), "parameter 'adaptr' is not declared", "declared parameters: adapter, mtu");
    }

    [Theory]
    [InlineData("int", "'5'", "must be an integer (int), not a string")]
    [InlineData("int", "5.5", "must be an integer (int), not a number with a fraction")]
    [InlineData("bool", "'true'", "must be a boolean (bool), not a string")]
    [InlineData("string", "5", "must be a string, not an integer")]
    [InlineData("secureString", "[a]", "must be a string (secureString), not a sequence/array")]
    [InlineData("object", "[a]", "must be a mapping/object, not a sequence/array")]
    [InlineData("secureObject", "x", "must be a mapping/object (secureObject), not a string")]
    [InlineData("array", "{a: 1}", "must be a sequence/array, not a mapping/object")]
    public void Resolve_ValueOfTheWrongType_IsAnErrorAtTheValue(string type, string value, string fragment)
    {
        var text = Schema + $"parameters:\n  p: {{ type: {type} }}\nresources: []\n";
        var parameters = $"parameters:\n  p: {value}\n";

        ShouldFailAt(() => Resolve(text, parameters), Locate(parameters, ParamsFile, value), "parameter 'p' " + fragment);
    }

    [Theory]
    [InlineData("int", "0")]
    [InlineData("bool", "false")]
    [InlineData("string", "''")]
    [InlineData("object", "{}")]
    [InlineData("array", "[]")]
    public void Resolve_ValueOfTheDeclaredType_IsBound(string type, string value)
    {
        var text = Schema + $"parameters:\n  p: {{ type: {type} }}\nresources: []\n";

        var resolved = Resolve(text, $"parameters:\n  p: {value}\n");

        JToken.DeepEquals(resolved.ParameterValues["p"], StructuredTextParser.Parse($"v: {value}\n", "x")["v"]).Should().BeTrue();
    }

    [Fact]
    public void Resolve_DefaultValueOfTheWrongType_IsAnErrorAtTheDefault()
    {
        const string text = Schema + "parameters:\n  p: { type: int, defaultValue: many }\nresources: []\n";

        ShouldFailAt(() => Resolve(text), Locate(text, File, "many"), "parameter 'p' must be an integer (int), not a string");
    }

    [Theory]
    [InlineData("{ type: string, allowedValues: [a, b] }", "c", "has a value that is not allowed (\"c\"); allowed: \"a\", \"b\"")]
    [InlineData("{ type: int, minValue: 2 }", "1", "is 1, less than its minValue 2")]
    [InlineData("{ type: int, maxValue: 2 }", "3", "is 3, more than its maxValue 2")]
    [InlineData("{ type: string, minLength: 3 }", "ab", "has length 2, less than its minLength 3")]
    [InlineData("{ type: string, maxLength: 1 }", "ab", "has length 2, more than its maxLength 1")]
    [InlineData("{ type: array, minLength: 2 }", "[x]", "has length 1, less than its minLength 2")]
    [InlineData("{ type: array, maxLength: 0 }", "[x]", "has length 1, more than its maxLength 0")]
    public void Resolve_ValueBreakingAConstraint_IsAnErrorAtTheValue(string definition, string value, string fragment)
    {
        var text = Schema + $"parameters:\n  p: {definition}\nresources: []\n";
        var parameters = $"parameters:\n  p: {value}\n";

        ShouldFailAt(() => Resolve(text, parameters), Locate(parameters, ParamsFile, value), "parameter 'p' " + fragment);
    }

    [Theory]
    [InlineData("{ type: int, minValue: 1, maxValue: 3, allowedValues: [1, 3] }", "3")]
    [InlineData("{ type: string, minLength: 2, maxLength: 2 }", "ab")]
    [InlineData("{ type: object, allowedValues: [{a: 1}] }", "{a: 1}")]
    public void Resolve_ValueWithinTheConstraints_IsBound(string definition, string value)
    {
        var text = Schema + $"parameters:\n  p: {definition}\nresources: []\n";

        var act = () => Resolve(text, $"parameters:\n  p: {value}\n");

        act.Should().NotThrow();
    }

    [Fact]
    public void Resolve_DisallowedSecureValue_DoesNotShowIt()
    {
        const string text = Schema + "parameters:\n  p: { type: secureString, allowedValues: [alpha] }\nresources: []\n";

        var error = ShouldFailAt(() => Resolve(text, "parameters:\n  p: hunter2\n"), $"{ParamsFile}:2:6", "not allowed");

        error.Message.Should().NotContain("hunter2").And.NotContain("alpha");
    }

    [Fact]
    public void Resolve_DependsOn_OrdersDependenciesFirstAndKeepsDocumentOrderOtherwise()
    {
        const string text = Schema + """
            resources:
            - { name: a, type: Contoso.Example/Setting, dependsOn: ["[resourceId('Contoso.Example/Setting', 'c')]"] }
            - { name: b, type: Contoso.Example/Setting }
            - { name: c, type: Contoso.Example/Setting, dependsOn: ["[resourceId('contoso.example/setting', 'd')]"] }
            - { name: d, type: Contoso.Example/Setting }
            - { name: e, type: Contoso.Example/Setting, dependsOn: ["Contoso.Example/Setting/b"] }
            """;

        var resolved = Resolve(text);

        resolved.Instances.Select(i => i.Name).Should().Equal("d", "c", "a", "b", "e");
        resolved.Instances[2].DependsOn.Should().Equal($"{Type}/c");
        resolved.Instances[1].DependsOn.Should().Equal($"{Type}/d");
        resolved.Instances[4].DependsOn.Should().Equal($"{Type}/b");
        resolved.Instances[0].DependsOn.Should().BeEmpty();
        resolved.Instances[2].Source.Should().BeSameAs(resolved.Document.Resources[0]);
    }

    [Fact]
    public void Resolve_WithoutDependsOn_KeepsDocumentOrder()
    {
        var text = Schema + "resources:\n" + string.Concat(new[] { "z", "m", "a", "q" }.Select(n => $"- {{ name: {n}, type: {Type} }}\n"));

        Resolve(text).Instances.Select(i => i.Name).Should().Equal("z", "m", "a", "q");
    }

    [Fact]
    public void Resolve_DependsOnAParameterisedName_IsResolved()
    {
        const string text = Schema + """
            parameters:
              target: { type: string, defaultValue: base }
            resources:
            - name: dependent
              type: Contoso.Example/Setting
              dependsOn: ["[resourceId('Contoso.Example/Setting', parameters('target'))]"]
            - name: base
              type: Contoso.Example/Setting
            """;

        Resolve(text).Instances.Select(i => i.Name).Should().Equal("base", "dependent");
    }

    [Fact]
    public void Resolve_DependsOnAnUnknownInstance_IsAnErrorAtTheEntry()
    {
        const string text = Schema + "resources:\n- name: a\n  type: Contoso.Example/Setting\n  dependsOn:\n  - \"[resourceId('Contoso.Example/Setting', 'missing')]\"\n";

        ShouldFailAt(() => Resolve(text), Locate(text, File, "\"[resourceId"), "'Contoso.Example/Setting:missing' of 'a' names no resource instance", "instances: Contoso.Example/Setting/a");
    }

    [Theory]
    [InlineData("\"justaname\"", "is not of the form 'Type:name' or 'Type/Name'")]
    [InlineData("\"[equals(1, 1)]\"", "must give a string 'Type:name' (from resourceId()) or 'Type/Name', not a boolean")]
    public void Resolve_DependsOnThatIsNotAReference_IsAnErrorAtTheEntry(string entry, string fragment)
    {
        var text = Schema + $"resources:\n- name: a\n  type: Contoso.Example/Setting\n  dependsOn: [{entry}]\n";

        ShouldFailAt(() => Resolve(text), Locate(text, File, entry), fragment);
    }

    [Fact]
    public void Resolve_DependsOnCycle_IsAnErrorNamingTheCycle()
    {
        const string text = Schema + """
            resources:
            - { name: start, type: Contoso.Example/Setting }
            - { name: a, type: Contoso.Example/Setting, dependsOn: ["[resourceId('Contoso.Example/Setting', 'b')]"] }
            - { name: b, type: Contoso.Example/Setting, dependsOn: ["[resourceId('Contoso.Example/Setting', 'c')]"] }
            - { name: c, type: Contoso.Example/Setting, dependsOn: ["[resourceId('Contoso.Example/Setting', 'a')]"] }
            """;

        ShouldFailAt(() => Resolve(text), Locate(text, File, "{ name: a"), "dependsOn cycle: a -> b -> c -> a");
    }

    [Fact]
    public void Resolve_InstanceDependingOnItself_IsACycle()
    {
        const string text = Schema + "resources:\n- { name: a, type: Contoso.Example/Setting, dependsOn: [\"Contoso.Example/Setting/a\"] }\n";

        ShouldFailAt(() => Resolve(text), Locate(text, File, "{ name: a"), "dependsOn cycle: a -> a");
    }

    [Fact]
    public void Resolve_LongDependencyChain_DoesNotRecurseDeeply()
    {
        const int count = 5000;
        var text = Schema + "resources:\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            i == count - 1
                ? $"- {{ name: r{i}, type: {Type} }}\n"
                : $"- {{ name: r{i}, type: {Type}, dependsOn: [\"{Type}/r{i + 1}\"] }}\n"));

        var names = Resolve(text).Instances.Select(i => i.Name).ToList();

        names.Should().HaveCount(count);
        names[0].Should().Be($"r{count - 1}");
        names[^1].Should().Be("r0");
    }

    [Fact]
    public void Resolve_UnknownFunctionInProperties_IsAnErrorAtTheString()
    {
        const string text = Schema + "resources:\n- name: a\n  type: Contoso.Example/Setting\n  properties:\n    v: \"[nosuchfunction(resourceId('T/x', 'y'))]\"\n";

        ShouldFailAt(() => Resolve(text), Locate(text, File, "\"[nosuchfunction"), "unknown function 'nosuchfunction'");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  condition: \"[equals(parameters('os'), 'linux')]\"\n", true)]
    [InlineData("  condition: \"[not(equals(parameters('os'), 'linux'))]\"\n", false)]
    [InlineData("  condition: false\n", false)]
    public void Resolve_Condition_SaysWhetherTheInstanceRuns(string condition, bool expected)
    {
        var text = Schema + "parameters:\n  os: { type: string, defaultValue: linux }\nresources:\n- name: a\n  type: Contoso.Example/Setting\n" + condition;

        Resolve(text).Instances.Should().ContainSingle().Which.IsConditionMet.Should().Be(expected);
    }

    [Fact]
    public void Resolve_ConditionThatIsNotABoolean_IsAnErrorAtTheCondition()
    {
        const string text = Schema + "resources:\n- name: a\n  type: Contoso.Example/Setting\n  condition: \"[concat('a', 'b')]\"\n";

        ShouldFailAt(() => Resolve(text), Locate(text, File, "\"[concat"), "'condition' of 'a' must be a boolean", "not a string");
    }
}
