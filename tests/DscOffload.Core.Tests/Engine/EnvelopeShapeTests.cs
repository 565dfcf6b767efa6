using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>The envelope in dsc's shape: executionInformation, unchanged-set semantics, no keys dsc's result structs refuse.</summary>
public sealed class EnvelopeShapeTests : IDisposable
{
    // The keys dsc's ConfigurationSetResult / ResourceSetResult (deny_unknown_fields) accept.
    private static readonly string[] ConfigurationKeys = ["executionInformation", "metadata", "results", "messages", "hadErrors", "outputs"];
    private static readonly string[] ResourceKeys = ["executionInformation", "metadata", "name", "type", "result"];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-shape-");
    private readonly FakeSwitches _switches = new();

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void SetEnvelope_HasExecutionInformation_TopLevelAndPerResource_AndOnlyDscKeys()
    {
        var envelope = Run(EngineOperation.Set, whatIf: false).Envelope;

        envelope.Properties().Select(p => p.Name).Should().BeSubsetOf(ConfigurationKeys);
        var top = (JObject)envelope["executionInformation"]!;
        top["operation"]!.Value<string>().Should().Be("set");
        top["executionType"]!.Value<string>().Should().Be("actual");
        top["duration"]!.Value<string>().Should().StartWith("PT");
        foreach (var entry in envelope["results"]!.Cast<JObject>())
        {
            entry.Properties().Select(p => p.Name).Should().BeSubsetOf(ResourceKeys);
            // Each resource ran inside the configuration's own time window.
            var started = DateTimeOffset.Parse(entry["executionInformation"]!["startDatetime"]!.Value<string>()!, System.Globalization.CultureInfo.InvariantCulture);
            started.Should().BeOnOrAfter(DateTimeOffset.Parse(top["startDatetime"]!.Value<string>()!, System.Globalization.CultureInfo.InvariantCulture))
                .And.BeOnOrBefore(DateTimeOffset.Parse(top["endDatetime"]!.Value<string>()!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void UnchangedSet_ReportsDesiredStateAsBefore_AndNullChangedProperties_AsDsc()
    {
        _switches.On["a"] = true;

        var envelope = Run(EngineOperation.Set, whatIf: false).Envelope;

        var unchanged = (JObject)envelope["results"]![0]!["result"]!;
        unchanged["changedProperties"]!.Type.Should().Be(JTokenType.Null);
        JToken.DeepEquals(unchanged["beforeState"], JObject.Parse("{\"name\":\"a\",\"on\":true}")).Should().BeTrue(unchanged.ToString());
        var changed = (JObject)envelope["results"]![1]!["result"]!;
        changed["changedProperties"]!.Values<string>().Should().Equal("on");
        changed["beforeState"]!["on"]!.Value<bool>().Should().BeFalse("a set that changed something reports the state before it");
    }

    [Fact]
    public void FailedInstanceWithoutResult_IsLeftOutOfResults_AndReportedAsAnErrorMessage()
    {
        _switches.FailingSets.Add("b");

        var envelope = Run(EngineOperation.Set, whatIf: false).Envelope;

        envelope["results"]!.Select(r => r["name"]!.Value<string>()).Should().Equal("first");
        envelope["messages"]!.Should().Contain(m => m["name"]!.Value<string>() == "second" && m["level"]!.Value<string>() == "error");
        envelope["hadErrors"]!.Value<bool>().Should().BeTrue();
    }

    private EngineRun Run(EngineOperation operation, bool whatIf)
    {
        var path = Path.Combine(_dir.FullName, "shape.dsc.yaml");
        File.WriteAllText(path, $$"""
            $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
            resources:
            - name: first
              type: {{FakeSwitches.TypeName}}
              properties: { name: a, on: true }
            - name: second
              type: {{FakeSwitches.TypeName}}
              properties: { name: b, on: true }
            """);
        var engine = new ConfigurationEngine(new ResourceCatalog([_switches]), new EngineOptions { WhatIf = whatIf });
        return engine.Run(DocumentPreparation.Prepare(engine, path, parametersPath: null), new LiveHostTarget(), operation);
    }
}
