using DscOffload.Core.Engine;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>Mixed fleets: an instance of another platform's type is "not applicable" on a recorded host, not drift or an error.</summary>
public sealed class MixedFleetTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-fleet-");
    private readonly FakeSwitches _switches = new();

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void InstanceOfAnotherPlatformsType_IsNotApplicable_NeitherDriftNorError()
    {
        var run = Test(hostOs: "windows");

        run.Results.Should().BeEmpty();
        run.HadErrors.Should().BeFalse();
        run.InDesiredState.Should().BeTrue("nothing that applies to this host drifted");
        run.Messages.Should().ContainSingle(m => m.Level == MessageLevel.Information).Which.Text
            .Should().Be($"not applicable to this host: {FakeSwitches.TypeName} is a Test type and 'host-a' is a windows host");
    }

    [Fact]
    public void InstanceOfTheHostsPlatform_RunsAndReportsDrift()
    {
        var run = Test(hostOs: "test");

        run.Results.Should().ContainSingle().Which.Test!.InDesiredState.Should().BeFalse();
        run.InDesiredState.Should().BeFalse();
    }

    private EngineRun Test(string hostOs)
    {
        var path = Path.Combine(_dir.FullName, "switches.dsc.yaml");
        File.WriteAllText(path, $"$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n- name: first\n  type: {FakeSwitches.TypeName}\n  properties: {{ name: a, on: true }}\n");
        var snapshot = new JObject
        {
            ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = "host-a", ["os"] = hostOs } },
            ["resources"] = new JArray(),
        };
        var engine = new ConfigurationEngine(new ResourceCatalog([_switches]), new EngineOptions());
        var host = RecordedHost.FromDocument(snapshot, "host-a.dsc.json");
        return engine.Run(DocumentPreparation.Prepare(engine, path, parametersPath: null), new RecordedHostTarget(host), EngineOperation.Test);
    }
}
