using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>
/// The engine honouring the configuration language at run time: conditions, reference() and the other run facts,
/// the securityContext directive, outputs, and secure values hidden from everything printed.
/// </summary>
public sealed class ConfigurationLanguageEngineTests : IDisposable
{
    private const string Type = FakeSwitches.TypeName;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-language-");
    private readonly FakeSwitches _switches = new();
    private readonly List<ResourceMessage> _traced = [];

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void InstanceWithFalseCondition_IsNotRun_HasNoResult_AndIsTracedAsSkipped()
    {
        var document = Document($$"""
            parameters:
              enable: { type: bool, defaultValue: false }
            resources:
            - name: kept
              type: {{Type}}
              properties: { name: a, on: true }
            - name: optional
              type: {{Type}}
              condition: "[parameters('enable')]"
              properties: { name: b, on: true }
            """);

        var run = Run(document, EngineOperation.Set);

        _switches.SetOrder.Should().Equal("a");
        run.Results.Select(r => r.Name).Should().Equal("kept");
        _traced.Should().Contain(m => m.Level == MessageLevel.Information && m.Text.StartsWith("Skipping resource 'optional' due to condition", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Reference_ReadsTheStateOfTheInstanceAlreadyRun(bool firstOn, bool expectedSecond)
    {
        _switches.On["a"] = firstOn;
        var document = Document($$"""
            resources:
            - name: first
              type: {{Type}}
              properties: { name: a }
            - name: second
              type: {{Type}}
              dependsOn: ["[resourceId('{{Type}}', 'first')]"]
              properties:
                name: b
                on: "[not(reference(resourceId('{{Type}}', 'first')).on)]"
            """);

        var run = Run(document, EngineOperation.Set);

        run.HadErrors.Should().BeFalse();
        _switches.On.GetValueOrDefault("b").Should().Be(expectedSecond);
        run.Results[1].Set!.AfterState["on"]!.Value<bool>().Should().Be(expectedSecond);
    }

    [Fact]
    public void PropertiesFromReference_AreValidatedWhenTheyRun_AndAWrongTypeIsThatInstancesError()
    {
        var document = Document($$"""
            resources:
            - name: first
              type: {{Type}}
              properties: { name: a }
            - name: second
              type: {{Type}}
              dependsOn: ["[resourceId('{{Type}}', 'first')]"]
              properties:
                name: b
                on: "[reference(resourceId('{{Type}}', 'first')).name]"
            """);

        var run = Run(document, EngineOperation.Test);

        run.HadErrors.Should().BeTrue();
        run.FirstError.Should().Be(ErrorKind.ValidationFailed);
        run.Results[1].Error.Should().Contain("on");
        run.Results[0].Error.Should().BeNull();
    }

    [Fact]
    public void ElevatedSecurityContext_RefusesALiveRunWhenNotElevated_BeforeAnythingRuns()
    {
        var document = Document($$"""
            directives: { securityContext: elevated }
            resources:
            - name: first
              type: {{Type}}
              properties: { name: a, on: true }
            """);

        var act = () => Run(document, EngineOperation.Set, new EngineOptions { IsElevated = false });

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.ElevationRequired);
        _switches.SetOrder.Should().BeEmpty();
        _switches.On.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void ElevatedSecurityContext_DoesNotStopAWhatIfSetOrAnElevatedProcess(bool whatIf, bool elevated)
    {
        var document = Document($$"""
            directives: { securityContext: elevated }
            resources:
            - name: first
              type: {{Type}}
              properties: { name: a, on: true }
            """);

        var run = Run(document, EngineOperation.Set, new EngineOptions { IsElevated = elevated, WhatIf = whatIf });

        run.HadErrors.Should().BeFalse();
        run.Changed.Should().BeTrue();
    }

    [Fact]
    public void RestrictedSecurityContext_RefusesAnElevatedLiveRun()
    {
        var document = Document($$"""
            directives: { securityContext: restricted }
            resources:
            - name: first
              type: {{Type}}
              properties: { name: a }
            """);

        var act = () => Run(document, EngineOperation.Test, new EngineOptions { IsElevated = true });

        act.Should().Throw<DscOffloadException>().Which.Message.Should().Contain("'restricted'");
    }

    [Fact]
    public void Outputs_AreEvaluatedAfterTheRun_FromItsResults_AndWrittenToTheEnvelope()
    {
        var document = Document($$"""
            resources:
            - name: first
              type: {{Type}}
              properties: { name: a, on: true }
            outputs:
              firstChanged: { type: bool, value: "[stateChanged(resourceId('{{Type}}', 'first'))]" }
              firstState: { type: object, value: "[reference(resourceId('{{Type}}', 'first'))]" }
            """);

        var run = Run(document, EngineOperation.Set);

        run.Outputs!["firstChanged"]!.Value<bool>().Should().BeTrue();
        run.Outputs["firstState"]!["on"]!.Value<bool>().Should().BeTrue();
        run.Envelope["outputs"]!["firstChanged"]!.Value<bool>().Should().BeTrue();
    }

    [Fact]
    public void Outputs_AreNotGivenForAWhatIfRun()
    {
        var document = Document($$"""
            resources:
            - name: first
              type: {{Type}}
              properties: { name: a, on: true }
            outputs:
              constant: { type: string, value: text }
            """);

        var run = Run(document, EngineOperation.Set, new EngineOptions { WhatIf = true });

        run.Outputs.Should().BeNull();
        run.Envelope.ContainsKey("outputs").Should().BeFalse();
    }

    [Fact]
    public void SecureValues_ReachTheResource_ButAreHiddenInResultsOutputsAndTraces()
    {
        const string Secret = "hunter22-switch";
        var document = Document($$"""
            parameters:
              token: { type: secureString, defaultValue: {{Secret}} }
            resources:
            - name: first
              type: {{Type}}
              properties:
                name: "[parameters('token')]"
                on: true
            outputs:
              plain: { type: string, value: "[concat('id-', parameters('token'))]" }
              hidden: { type: secureString, value: "[parameters('token')]" }
            """);

        var run = Run(document, EngineOperation.Set);

        _switches.On.Should().ContainKey(Secret, "the resource must get the real value");
        var printed = run.Envelope.ToString();
        printed.Should().NotContain(Secret).And.Contain(SecretRedactor.Mask);
        run.Outputs!.ContainsKey("hidden").Should().BeFalse();
        run.Messages.Should().Contain(m => m.Level == MessageLevel.Warning && m.Text == "Secure output 'hidden' is skipped");
        _traced.Should().NotContain(m => m.Text.Contains(Secret, StringComparison.Ordinal));
    }

    private EngineRun Run(string document, EngineOperation operation, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        var engine = new ConfigurationEngine(new ResourceCatalog([_switches]), new EngineOptions
        {
            WhatIf = options.WhatIf,
            IsElevated = options.IsElevated,
            OnMessage = _traced.Add,
        });
        var prepared = DocumentPreparation.Prepare(engine, document, parametersPath: null);
        return engine.Run(prepared, new LiveHostTarget(), operation);
    }

    private string Document(string body)
    {
        var path = Path.Combine(_dir.FullName, "language.dsc.yaml");
        File.WriteAllText(path, "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n" + body + "\n");
        return path;
    }
}
