using DscOffload.Core.Engine;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>The fleet's compact envelope, written straight from the run, is the text of the envelope tree byte for byte.</summary>
public sealed class CompactEnvelopeWriterTests
{
    private static readonly RunInfo Info = new()
    {
        Operation = EngineOperation.Test,
        Host = "web-\"01\"\u2028",
        IsRecorded = true,
        SnapshotPath = "snapshots\\web-01.json",
        DocumentPath = "baseline.dsc.yaml",
        Timing = new RunTiming("0.1.0", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), TimeSpan.FromTicks(123_456_789), Elevated: true),
    };

    private static readonly DateTimeOffset Started = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static TheoryData<string> Runs => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Write_IsTheCompactTextOfTheEnvelopeTree(string name)
    {
        var run = Cases()[name];
        var expected = JsonText.Compact(EnvelopeWriter.Write(run));

        var written = CompactEnvelopeWriter.Write(run);

        written.Should().Be(expected);
        JToken.Parse(written).Should().BeOfType<JObject>();
    }

    [Fact]
    public void Write_WhenAStateHoldsATokenOnlyNewtonsoftWrites_WritesNewtonsoftsText()
    {
        var state = new JObject { ["when"] = new JValue(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)) };
        var run = new EngineRun
        {
            Info = Info,
            Results = [new InstanceResult { Name = "a", Type = "T/x", ActualState = state }],
        };

        var written = CompactEnvelopeWriter.Write(run);

        written.Should().Be(EnvelopeWriter.Write(run).ToString(Newtonsoft.Json.Formatting.None));
        written.Should().Contain("\"when\":\"2026-01-02T03:04:05Z\"");
    }

    private static Dictionary<string, EngineRun> Cases()
    {
        var test = new TestOutcome(
            JObject.Parse("""{"name":"*","lso":false,"map":{"a":1,"b":[true,null,2.5]}}"""),
            JObject.Parse("""{"name":"*","lso":true,"adapters":[{"name":"eth0","tab\tand\u0001":"x"}],"_inDesiredState":false}"""),
            false, ["lso", "ma\"p"]);
        var set = new SetOutcome(JObject.Parse("""{"on":false}"""), JObject.Parse("""{"on":true}"""), ["on"], [RestartRequirement.System("web-01")]);
        var unchanged = new SetOutcome(JObject.Parse("""{"on":true,"x":1}"""), JObject.Parse("""{"on":true,"x":1}"""), [], []);
        var messages = new List<RunMessage>
        {
            new("a", "T/x", MessageLevel.Warning, "careful \"here\"\n"),
            new("", "", MessageLevel.Information, "not run"),
            new("b", "T/y", MessageLevel.Error, "failed"),
        };
        return new Dictionary<string, EngineRun>
        {
            ["test with drift and messages"] = new()
            {
                Info = Info,
                Results =
                [
                    new InstanceResult { Name = "a", Type = "T/x", Started = Started, Duration = TimeSpan.FromMilliseconds(1.5), Test = test },
                    new InstanceResult { Name = "failed early", Type = "T/x", Error = "boom" },
                    new InstanceResult { Name = "g", Type = "T/x", Duration = TimeSpan.Zero, ActualState = JObject.Parse("""{"v":-3,"big":9007199254740993}""") },
                ],
                Messages = messages,
                HadErrors = true,
            },
            ["what-if set with restarts, metadata and outputs"] = new()
            {
                Info = Info with { Operation = EngineOperation.Set, IsWhatIf = true, IsRecorded = false, SnapshotPath = null },
                Results =
                [
                    new InstanceResult
                    {
                        Name = "s", Type = "T/x", Started = Started, Duration = TimeSpan.FromSeconds(2), Set = set,
                        RestartRequired = [RestartRequirement.System("web-01"), new RestartRequirement("service", "dsc")],
                        ResourceMetadata = JObject.Parse("""{"whatIf":["on would change"],"other":{"k":"v"}}"""),
                    },
                ],
                Outputs = JObject.Parse("""{"count":2,"names":["a","b"]}"""),
                Changed = true,
            },
            ["unchanged set reports the desired state as before"] = new()
            {
                Info = Info with { Operation = EngineOperation.Set },
                Results = [new InstanceResult { Name = "u", Type = "T/x", Duration = TimeSpan.FromTicks(1), DesiredState = JObject.Parse("""{"on":true}"""), Set = unchanged }],
                Journal = new JournalReference("20260102-x", "/var/lib/dscoffload/journal/x.dsc.json", "completed"),
            },
            ["resource metadata that names Microsoft.DSC"] = new()
            {
                Info = Info with { Operation = EngineOperation.Set },
                Results = [new InstanceResult { Name = "m", Type = "T/x", Set = set, ResourceMetadata = JObject.Parse("""{"first":1,"Microsoft.DSC":{"own":true}}""") }],
            },
            ["run that never started"] = new()
            {
                Info = Info with { Timing = null },
                Messages = [new RunMessage("", "", MessageLevel.Error, "refused")],
                HadErrors = true,
            },
            ["empty outputs are left out"] = new()
            {
                Info = Info with { Operation = EngineOperation.Get, DocumentPath = null! },
                Results = [new InstanceResult { Name = "g", Type = "T/x", ActualState = [] }],
                Outputs = [],
            },
            ["export"] = new()
            {
                Info = Info with { Operation = EngineOperation.Export },
                Exported = [new ExportedInstance("T/x", "x-0", JObject.Parse("""{"on":true}"""))],
            },
        };
    }
}
