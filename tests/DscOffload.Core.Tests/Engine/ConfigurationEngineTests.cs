using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>The engine on its own, over in-memory switches: order, what-if, stopping at a failure, partial results, advisors.</summary>
public sealed class ConfigurationEngineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-engine-");
    private readonly FakeSwitches _switches = new();

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Set_RunsInstancesInDependencyOrder_NotInDocumentOrder()
    {
        var document = Document(
            Switch("third", "c", dependsOn: "second"),
            Switch("second", "b", dependsOn: "first"),
            Switch("first", "a"));

        var run = Run(document, EngineOperation.Set);

        _switches.SetOrder.Should().Equal("a", "b", "c");
        run.Results.Select(r => r.Name).Should().Equal("first", "second", "third");
        run.HadErrors.Should().BeFalse();
        run.Changed.Should().BeTrue();
        _switches.On.Should().Contain(new KeyValuePair<string, bool>("c", true));
    }

    [Theory]
    [InlineData(MessageLevel.Information, MessageLevel.Error, true)]   // a single host's result keeps information
    [InlineData(MessageLevel.Warning, MessageLevel.Error, false)]      // a fleet without -l info reads none
    [InlineData(MessageLevel.Warning, MessageLevel.Information, true)] // a fleet with -l info traces it
    public void Test_ContextWantsInformation_OnlyWhenTheResultOrTheTraceReadsIt(MessageLevel kept, MessageLevel traced, bool wanted)
    {
        Run(Document(Switch("first", "a")), EngineOperation.Test, new EngineOptions { MessageLevel = kept, OnMessage = _ => { }, OnMessageLevel = traced });

        _switches.TestsWantingInformation.Should().Equal(wanted);
    }

    [Fact]
    public void Test_WithoutAMessageCallback_ContextWantsWhatTheResultKeeps()
    {
        Run(Document(Switch("first", "a")), EngineOperation.Test, new EngineOptions { MessageLevel = MessageLevel.Warning });
        Run(Document(Switch("first", "a")), EngineOperation.Test, new EngineOptions());

        _switches.TestsWantingInformation.Should().Equal(false, true);
    }

    [Fact]
    public void WhatIfSet_ChangesNothing_AndReportsWhatWouldChange()
    {
        var document = Document(Switch("first", "a"), Switch("second", "b", on: false));

        var run = Run(document, EngineOperation.Set, new EngineOptions { WhatIf = true });

        _switches.On.Should().BeEmpty("what-if must not change the host");
        _switches.SetOrder.Should().BeEmpty();
        run.Info.IsWhatIf.Should().BeTrue();
        run.Changed.Should().BeTrue();
        run.InDesiredState.Should().BeFalse();
        run.Results[0].Set!.ChangedProperties.Should().Equal("on");
        run.Results[1].Set!.ChangedProperties.Should().BeEmpty();
        run.Envelope["metadata"]!["Microsoft.DSC"]!["executionType"]!.Value<string>().Should().Be("whatIf");
    }

    [Fact]
    public void Set_WhenAnInstanceFails_DoesNotRunTheInstancesThatFollow()
    {
        _switches.FailingSets.Add("b");
        var document = Document(Switch("first", "a"), Switch("second", "b", dependsOn: "first"), Switch("third", "c", dependsOn: "second"));

        var run = Run(document, EngineOperation.Set);

        _switches.SetOrder.Should().Equal("a");
        _switches.On.Should().NotContainKey("c");
        run.Results.Select(r => r.Name).Should().Equal("first", "second");
        run.Results[1].Error.Should().Contain("switch b is stuck");
        run.HadErrors.Should().BeTrue();
        run.FirstError.Should().Be(ErrorKind.NotSupported);
        run.Messages.Should().ContainSingle(m => m.Name == "third" && m.Level == MessageLevel.Warning)
            .Which.Text.Should().Be("not run because 'second' failed; set stops at the first failure");
    }

    [Fact]
    public void Set_WhenAnInstanceChangesThenFails_ReportsWhatWasAppliedBeforeAndInTheFailingInstance()
    {
        var switches = new FakeSwitches { FailAfterChange = true };
        switches.FailingSets.Add("b");
        var document = Document(Switch("first", "a"), Switch("second", "b", dependsOn: "first"));

        var run = Run(document, EngineOperation.Set, switches: switches);

        run.HadErrors.Should().BeTrue();
        run.Changed.Should().BeTrue();
        run.FirstError.Should().Be(ErrorKind.PartiallyApplied);
        run.Results[0].Set!.ChangedProperties.Should().Equal("on");
        run.Results[1].Set!.ChangedProperties.Should().Equal(["on"], "the failing instance changed its switch before it failed");
        run.Results[1].Error.Should().Contain("changed and then failed");
        var failed = (JObject)run.Envelope["results"]![1]!;
        failed["result"]!["afterState"]!["on"]!.Value<bool>().Should().BeTrue();
        failed.ContainsKey("error").Should().BeFalse("dsc's result entry has no error key; the error is a message");
        run.Envelope["messages"]!.Should().Contain(m => m["name"]!.Value<string>() == "second" && m["level"]!.Value<string>() == "error"
            && m["message"]!.Value<string>()!.Contains("changed and then failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Test_WhenOneInstanceDrifts_ReportsEveryInstanceAndTheRunAsNotInDesiredState()
    {
        _switches.On["a"] = true;
        var document = Document(Switch("first", "a"), Switch("second", "b"));

        var run = Run(document, EngineOperation.Test);

        run.Results.Select(r => r.Test!.InDesiredState).Should().Equal(true, false);
        run.InDesiredState.Should().BeFalse();
        run.Changed.Should().BeFalse();
        _switches.SetOrder.Should().BeEmpty();
    }

    [Fact]
    public void Advisors_AreAskedOnceAfterTheInstances_AndKeepOnlyMessagesAtTheRunsLevel()
    {
        var advisor = new RecordingAdvisor();
        var document = Document(Switch("first", "a"));

        var run = Run(document, EngineOperation.Test, new EngineOptions { Advisors = [advisor], MessageLevel = MessageLevel.Warning });

        advisor.Seen.Should().Equal("test: first");
        run.Messages.Select(m => m.Text).Should().Equal("advice at warning");
    }

    private EngineRun Run(string document, EngineOperation operation, EngineOptions? options = null, FakeSwitches? switches = null)
    {
        var engine = new ConfigurationEngine(new ResourceCatalog([switches ?? _switches]), options ?? new EngineOptions());
        var prepared = DocumentPreparation.Prepare(engine, document, parametersPath: null);
        return engine.Run(prepared, new LiveHostTarget(), operation);
    }

    private string Document(params string[] resources)
    {
        var path = Path.Combine(_dir.FullName, "switches.dsc.yaml");
        File.WriteAllText(path, "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n" + string.Concat(resources));
        return path;
    }

    private static string Switch(string name, string id, bool on = true, string? dependsOn = null) =>
        $"- name: {name}\n  type: {FakeSwitches.TypeName}\n" +
        (dependsOn is null ? "" : $"  dependsOn:\n  - \"[resourceId('{FakeSwitches.TypeName}', '{dependsOn}')]\"\n") +
        $"  properties:\n    name: {id}\n    on: {(on ? "true" : "false")}\n";

    private sealed class RecordingAdvisor : IResultAdvisor
    {
        public List<string> Seen { get; } = [];

        public IEnumerable<RunMessage> Advise(EngineOperation operation, PreparedConfiguration configuration, IReadOnlyList<InstanceResult> results, HostTarget target)
        {
            Seen.Add($"{operation.ToString().ToLowerInvariant()}: {string.Join(", ", results.Select(r => r.Name))}");
            return [new RunMessage("first", FakeSwitches.TypeName, MessageLevel.Warning, "advice at warning"),
                new RunMessage("first", FakeSwitches.TypeName, MessageLevel.Information, "advice at information")];
        }
    }
}
