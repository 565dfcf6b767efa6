using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Conformance;

/// <summary>dsc's document features (copy loops, expression names and defaults, directives, outputs, user functions, secure values) through the resolver API.</summary>
public sealed class DocumentFeatureConformanceTests
{
    private const string Head = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n";

    private static ResolvedConfiguration Resolve(string body) =>
        ConfigurationResolver.Resolve(DocumentLoader.Parse(Head + body, "doc.yaml"), null, new ProcessExpressionHost("/"));

    [Fact]
    public void CopyLoop_MakesOneInstancePerIteration_NamedWithCopyIndex()
    {
        var resolved = Resolve("resources:\n- name: \"[format('nic-{0}', copyIndex())]\"\n  type: Contoso.Example/Setting\n  copy: { name: nics, count: 3 }\n  properties: { slot: \"[copyIndex(1)]\" }\n");

        resolved.Instances.Select(i => i.Name).Should().Equal("nic-0", "nic-1", "nic-2");
        resolved.Instances.Select(i => (long)i.Properties["slot"]!).Should().Equal(1, 2, 3);
    }

    [Theory]
    [InlineData("  copy: { name: l, count: 1001 }\n", "ExpressionLimits.MaxCopyCount")]
    [InlineData("  copy: { name: l, count: -1 }\n", "must be an integer from 0")]
    [InlineData("  copy: { name: l, count: 2, mode: parallel }\n", "'copy.mode' of")]
    [InlineData("  copy: { name: l, count: 2 }\n", "is specified more than once")]
    public void CopyLoop_OutsideDscRules_IsALocatedError(string copy, string fragment)
    {
        var act = () => Resolve("resources:\n- name: same\n  type: Contoso.Example/Setting\n" + copy);

        act.Should().Throw<DscOffloadException>().Where(e => e.Location != null).Which.Message.Should().Contain(fragment);
    }

    [Fact]
    public void ParameterDefault_IsEvaluated_AndMaySeeEarlierParameters()
    {
        var resolved = Resolve("parameters:\n  a: { type: string, defaultValue: eth }\n  b: { type: string, defaultValue: \"[concat(parameters('a'), '0')]\" }\n  n: { type: int, defaultValue: \"[add(1, 2)]\" }\nresources: []\n");

        resolved.ParameterValues["b"]!.Value<string>().Should().Be("eth0");
        resolved.ParameterValues["n"]!.Value<long>().Should().Be(3);
    }

    [Fact]
    public void UtcNow_IsAllowedOnlyInADefault()
    {
        Resolve("parameters:\n  t: { type: string, defaultValue: \"[utcNow('yyyy')]\" }\nresources: []\n").ParameterValues["t"]!.Value<string>().Should().HaveLength(4);

        var act = () => Resolve("resources:\n- name: a\n  type: Contoso.Example/Setting\n  properties: { t: \"[utcNow()]\" }\n");
        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("only be used in a parameter's defaultValue");
    }

    [Theory]
    [InlineData("directives: { version: '>=99' }\n", "directive 'version'")]
    [InlineData("directives: { securityContext: root }\n", "directive 'securityContext' is 'root'")]
    [InlineData("directives: { nope: 1 }\n", "unknown property 'nope'")]
    public void Directive_ThatCannotBeHonoured_IsRefusedByName(string directives, string fragment)
    {
        var act = () => Resolve(directives + "resources: []\n");

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain(fragment);
    }

    [Fact]
    public void SecurityContextDirective_IsHandedToTheEngine()
    {
        Resolve("directives: { securityContext: elevated }\nresources: []\n").RequiredSecurityContext.Should().Be("elevated");
    }

    [Fact]
    public void UserFunction_IsCalledWithTypedArguments_AndCannotCallAnother()
    {
        const string functions = "functions:\n- namespace: my\n  members:\n    nic:\n      parameters: [ { name: i, type: int } ]\n      output: { type: string, value: \"[format('eth{0}', parameters('i'))]\" }\n    loop:\n      output: { type: string, value: \"[my.nic(1)]\" }\n";

        Resolve(functions + "resources:\n- name: a\n  type: Contoso.Example/Setting\n  properties: { n: \"[my.nic(2)]\" }\n").Instances[0].Properties["n"]!.Value<string>().Should().Be("eth2");
        var recursion = () => Resolve(functions + "resources:\n- name: a\n  type: Contoso.Example/Setting\n  properties: { n: \"[my.loop()]\" }\n");
        recursion.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("a user function cannot call user functions");
    }

    [Fact]
    public void Outputs_AreEvaluated_SecureOnesAreNeverGiven()
    {
        var resolved = Resolve("parameters:\n  s: { type: secureString, defaultValue: hunter22 }\noutputs:\n  n: { type: int, value: \"[add(1, 1)]\" }\n  hidden: { type: secureString, value: \"[parameters('s')]\" }\n  skipped: { type: string, condition: \"[false()]\", value: x }\nresources: []\n");

        var (outputs, secure) = ConfigurationResolver.EvaluateOutputs(resolved, new ProcessExpressionHost("/"));

        outputs.Should().BeEquivalentTo(new JObject { ["n"] = 2 });
        secure.Should().Equal("hidden");
    }

    [Fact]
    public void SecureParameter_IsHiddenWhereverItIsCopied()
    {
        var resolved = Resolve("parameters:\n  s: { type: secureString, defaultValue: hunter22 }\nresources:\n- name: a\n  type: Contoso.Example/Setting\n  properties: { v: \"[concat('pw=', parameters('s'))]\" }\n");

        var shown = resolved.Redactor.Redact(resolved.Instances[0].Properties).ToString();

        shown.Should().NotContain("hunter22").And.Contain(SecretRedactor.Mask);
    }

    [Fact]
    public void ReferenceProperties_WaitForTheRun_AndReadTheHostThen()
    {
        var resolved = Resolve("resources:\n- name: a\n  type: Contoso.Example/Setting\n- name: b\n  type: Contoso.Example/Setting\n  dependsOn: [\"[resourceId('Contoso.Example/Setting', 'a')]\"]\n  properties: { v: \"[reference(resourceId('Contoso.Example/Setting', 'a')).x]\" }\n");

        var b = resolved.Instances[1];
        b.NeedsRunResults.Should().BeTrue();
        ConfigurationResolver.EvaluateProperties(resolved, b, new RecordedRunHost()).Should().BeEquivalentTo(new JObject { ["v"] = 7 });
    }

    [Theory]
    [InlineData("Contoso.Example/Setting:first%20one")]
    [InlineData("[resourceId('Contoso.Example/Setting', 'first one')]")]
    public void DependsOn_AcceptsDscResourceIds(string entry)
    {
        var resolved = Resolve($"resources:\n- name: second\n  type: Contoso.Example/Setting\n  dependsOn: [\"{entry}\"]\n- name: first one\n  type: Contoso.Example/Setting\n");

        resolved.Instances.Select(i => i.Name).Should().Equal("first one", "second");
    }

    [Fact]
    public void ExportedDocument_WithExecutionInformation_IsAccepted()
    {
        var resolved = Resolve("executionInformation: { operation: export }\nmetadata: { Microsoft.DSC: { version: 3.2.0 } }\nresources:\n- name: a\n  type: Contoso.Example/Setting\n  executionInformation: { duration: PT1S }\n");

        resolved.Instances.Should().ContainSingle();
    }

    [Fact]
    public void ResolveWithoutARun_RefusesReference_NamingIt()
    {
        var document = DocumentLoader.Parse(Head + "resources:\n- name: a\n  type: Contoso.Example/Setting\n  properties: { v: \"[reference(resourceId('Contoso.Example/Setting', 'b'))]\" }\n", "doc.yaml");

        var act = () => ConfigurationResolver.Resolve(document, null);

        act.Should().Throw<DscOffloadException>().Which.Message.Should().StartWith("reference(): no result for 'Contoso.Example/Setting:b'");
    }

    private sealed class RecordedRunHost() : ProcessExpressionHost("/")
    {
        public override JToken? Reference(string resourceId) => resourceId == "Contoso.Example/Setting:a" ? new JObject { ["x"] = 7 } : null;
    }
}
