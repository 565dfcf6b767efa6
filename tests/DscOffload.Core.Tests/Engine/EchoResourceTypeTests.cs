using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>dsc's Microsoft.DSC.Debug/Echo, built into the engine: evaluated expressions come back as output.</summary>
public sealed class EchoResourceTypeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-echo-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Get_EchoesTheEvaluatedOutput_WithoutAnyOtherResourceType()
    {
        var run = Run("""
            parameters:
              names: { type: array, defaultValue: [eth0, eth1] }
            resources:
            - name: show
              type: Microsoft.DSC.Debug/Echo
              properties:
                output: "[format('{0}-{1}', toUpper(first(parameters('names'))), length(parameters('names')))]"
            """, EngineOperation.Get);

        run.HadErrors.Should().BeFalse();
        run.Results.Should().ContainSingle().Which.ActualState!["output"]!.Value<string>().Should().Be("ETH0-2");
    }

    [Fact]
    public void Test_IsInDesiredState_AndSetChangesNothing()
    {
        const string Body = """
            resources:
            - name: show
              type: Microsoft.DSC.Debug/Echo
              properties:
                output: { a: [1, 2], b: true }
            """;

        var test = Run(Body, EngineOperation.Test);
        var set = Run(Body, EngineOperation.Set);

        test.Results[0].Test!.InDesiredState.Should().BeTrue();
        test.Results[0].Test!.ActualState["output"]!["a"]!.Values<int>().Should().Equal(1, 2);
        set.Changed.Should().BeFalse();
        set.Results[0].Set!.ChangedProperties.Should().BeEmpty();
    }

    [Fact]
    public void Reference_ToAnEcho_GivesItsOutputToTheNextInstance()
    {
        var run = Run("""
            resources:
            - name: first
              type: Microsoft.DSC.Debug/Echo
              properties: { output: hello }
            - name: second
              type: Microsoft.DSC.Debug/Echo
              dependsOn: ["[resourceId('Microsoft.DSC.Debug/Echo', 'first')]"]
              properties:
                output: "[concat(reference(resourceId('Microsoft.DSC.Debug/Echo', 'first')).output, ' world')]"
            """, EngineOperation.Get);

        run.Results[1].ActualState!["output"]!.Value<string>().Should().Be("hello world");
    }

    [Fact]
    public void UnknownProperty_IsRefusedBeforeAnythingRuns()
    {
        var act = () => Run("""
            resources:
            - name: show
              type: Microsoft.DSC.Debug/Echo
              properties: { output: 1, extra: 2 }
            """, EngineOperation.Get);

        act.Should().Throw<Diagnostics.DscOffloadException>().WithMessage("*unknown property 'extra'*");
    }

    private EngineRun Run(string body, EngineOperation operation)
    {
        var path = Path.Combine(_dir.FullName, "echo.dsc.yaml");
        File.WriteAllText(path, "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n" + body + "\n");
        var engine = new ConfigurationEngine(new ResourceCatalog([]), new EngineOptions());
        return engine.Run(DocumentPreparation.Prepare(engine, path, parametersPath: null), new LiveHostTarget(), operation);
    }
}
